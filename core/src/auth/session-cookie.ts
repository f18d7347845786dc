/**
 * The browser session cookie, as pure functions. Everywhere it is `__Host-vibe_session; Path=/; HttpOnly;
 * Secure; SameSite=Lax`; only in local mode over plain-http loopback (where browsers drop `Secure` cookies)
 * is it `vibe_session` without `Secure`.
 */
import type { AppEnvName } from '../config/config.ts';
import { isLoopbackHostname } from '../http/loopback.ts';

export const SECURE_COOKIE_NAME = '__Host-vibe_session';
export const LOOPBACK_COOKIE_NAME = 'vibe_session';

/** Whether the cookie must be `Secure` (and `__Host-`) for a request to `url`. */
export function isSecureCookieContext(appEnv: AppEnvName, url: URL): boolean {
  return !(appEnv === 'local' && url.protocol === 'http:' && isLoopbackHostname(url.hostname));
}

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_COOKIE_NAME : LOOPBACK_COOKIE_NAME;
}

export function serializeSessionCookie(value: string, secure: boolean, maxAgeSeconds: number): string {
  const attributes = [`${sessionCookieName(secure)}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  attributes.push(`Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`);
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

export function clearSessionCookie(secure: boolean): string {
  return serializeSessionCookie('', secure, 0);
}

/** The session cookie's value from a Cookie header; a cookie under the other name is ignored. */
export function readSessionCookie(cookieHeader: string | null | undefined, secure: boolean): string | undefined {
  const name = sessionCookieName(secure);
  for (const pair of (cookieHeader ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}
