import { describe, expect, it } from 'vitest';
import {
  clearSessionCookie,
  isSecureCookieContext,
  readSessionCookie,
  serializeMiniAppCookie,
  serializeSessionCookie,
} from './session-cookie.ts';

describe('session cookie', () => {
  it('is __Host- and Secure everywhere but local plain-http loopback', () => {
    expect(isSecureCookieContext('production', new URL('https://vibecode.dev/'))).toBe(true);
    expect(isSecureCookieContext('staging', new URL('http://localhost:8787/'))).toBe(true);
    expect(isSecureCookieContext('local', new URL('https://localhost:8787/'))).toBe(true);
    expect(isSecureCookieContext('local', new URL('http://192.168.1.5:8787/'))).toBe(true);
    expect(isSecureCookieContext('local', new URL('http://localhost:8787/'))).toBe(false);
    expect(isSecureCookieContext('local', new URL('http://127.0.0.1:8787/'))).toBe(false);
    expect(isSecureCookieContext('local', new URL('http://[::1]:8787/'))).toBe(false);
  });

  it('sets the flags for each context', () => {
    expect(serializeSessionCookie('abc', true, 2592000)).toBe(
      '__Host-vibe_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000; Secure',
    );
    expect(serializeSessionCookie('abc', false, 2592000)).toBe(
      'vibe_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000',
    );
    expect(clearSessionCookie(true)).toBe('__Host-vibe_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure');
  });

  it('sets a Mini App cookie for a third-party frame when secure, and the web’s own on plain-http loopback', () => {
    expect(serializeMiniAppCookie('abc', true, 28800)).toBe(
      '__Host-vibe_session=abc; Path=/; HttpOnly; Secure; SameSite=None; Partitioned; Max-Age=28800',
    );
    expect(serializeMiniAppCookie('abc', false, 28800)).toBe(
      'vibe_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=28800',
    );
    expect(serializeMiniAppCookie('abc', true, -3.5)).toMatch(/; Max-Age=0$/);
    expect(readSessionCookie(serializeMiniAppCookie('abc', true, 60).split(';')[0], true)).toBe('abc');
  });

  it('reads only the cookie name of its context', () => {
    const header = 'theme=dark; vibe_session=loop; __Host-vibe_session=sec';
    expect(readSessionCookie(header, true)).toBe('sec');
    expect(readSessionCookie(header, false)).toBe('loop');
    expect(readSessionCookie('vibe_session=loop', true)).toBeUndefined();
    expect(readSessionCookie('vibe_session=', false)).toBeUndefined();
    expect(readSessionCookie(undefined, false)).toBeUndefined();
  });
});
