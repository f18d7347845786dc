import { describe, expect, it } from 'vitest';
import { hasSessionCookie } from './session-cookie.ts';

describe('hasSessionCookie', () => {
  it('sees either cookie name and ignores empty values', () => {
    expect(hasSessionCookie((name) => (name === '__Host-vibe_session' ? 'abc' : undefined))).toBe(true);
    expect(hasSessionCookie((name) => (name === 'vibe_session' ? 'abc' : undefined))).toBe(true);
    expect(hasSessionCookie((name) => (name === 'vibe_session' ? '' : undefined))).toBe(false);
    expect(hasSessionCookie(() => undefined)).toBe(false);
  });
});
