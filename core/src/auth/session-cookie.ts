/**
 * The browser session cookie, as pure functions. Everywhere it is `__Host-vibe_session; Path=/; HttpOnly;
 * Secure; SameSite=Lax`; only in local mode over plain-http loopback (where browsers drop `Secure` cookies)
 * is it `vibe_session` without `Secure`.
 */
import type { AppEnvName } from '../config/setting-values.ts';
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

/**
 * A Telegram Mini App's session cookie: the same name, so every route and WebSocket reads it as the web's. Telegram
 * Web frames the Mini App on another site, where only a `SameSite=None` cookie is sent, and browsers that partition
 * third-party cookies keep it only when it says `Partitioned` (CHIPS). Over plain-http loopback (local mode) browsers
 * refuse `SameSite=None` without `Secure`; there the stand-in's chat page and the app share the site 127.0.0.1, so
 * the web's own `Lax` cookie reaches the frame.
 */
export function serializeMiniAppCookie(value: string, secure: boolean, maxAgeSeconds: number): string {
  if (!secure) return serializeSessionCookie(value, false, maxAgeSeconds);
  const maxAge = Math.max(0, Math.floor(maxAgeSeconds));
  return `${SECURE_COOKIE_NAME}=${value}; Path=/; HttpOnly; Secure; SameSite=None; Partitioned; Max-Age=${maxAge}`;
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
