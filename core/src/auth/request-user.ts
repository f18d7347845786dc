/**
 * The signed-in user of a request, by its session cookie: the one rule behind core's `requireUser` and the
 * `RequestChecks` port the channels' own routes use (`request-checks.ts`).
 */
import type { AppEnvName } from '../config/setting-values.ts';
import type { Db } from '../db/client.ts';
import { isSecureCookieContext, readSessionCookie, serializeSessionCookie } from './session-cookie.ts';
import type { SignedInUser } from './users.ts';
import { resolveWebSession } from './web-session.ts';

export type RequestUser = {
  user: SignedInUser;
  /**
   * The renewed session cookie when the sliding expiry moved, to send back with the answer (its Max-Age ends with
   * the session, never past its absolute lifetime); null when the cookie is unchanged.
   */
  setCookie: string | null;
};

export async function requestUser(
  db: Db,
  appEnv: AppEnvName,
  request: Request,
  now: number,
): Promise<RequestUser | null> {
  const secure = isSecureCookieContext(appEnv, new URL(request.url));
  const token = readSessionCookie(request.headers.get('cookie'), secure);
  const session = token ? await resolveWebSession(db, token, now) : null;
  if (!token || !session) return null;
  const setCookie = session.renewed ? serializeSessionCookie(token, secure, (session.expiresAt - now) / 1000) : null;
  return { user: session.user, setCookie };
}
