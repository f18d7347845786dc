/**
 * `requireUser`: the signed-in user from the session cookie (`requestUser`), or 401 `auth.required`. Sets `user`
 * and adds `user_id` to the request's logger; when the sliding expiry moved, re-sends the cookie with a Max-Age that
 * ends with the session (never past its absolute lifetime).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { openDb } from '../db/client.ts';
import { ApiError } from '../http/api-error.ts';
import { addLogFields } from '../http/log-fields.ts';
import { requestUser } from './request-user.ts';
import { isSecureCookieContext, readSessionCookie } from './session-cookie.ts';

/** Whether this request's session cookie is the `__Host-`/`Secure` one. */
export function securesCookies(c: Context<AppEnv>): boolean {
  return isSecureCookieContext(c.get('config').appEnv, new URL(c.req.url));
}

export function sessionToken(c: Context<AppEnv>): string | undefined {
  return readSessionCookie(c.req.header('cookie'), securesCookies(c));
}

export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  const found = await requestUser(openDb(c.env.DB), c.get('config').appEnv, c.req.raw, Date.now());
  if (!found) throw new ApiError(401, 'auth.required', 'sign in first');
  c.set('user', found.user);
  addLogFields(c, { user_id: found.user.id });
  await next();
  // A 101 carries the upgraded socket; rebuilding it to add a header would drop the socket. A handler that set the
  // cookie itself (signing out) has the last word.
  if (found.setCookie !== null && c.res.status !== 101 && !c.res.headers.has('set-cookie')) {
    c.header('Set-Cookie', found.setCookie, { append: true });
  }
};
