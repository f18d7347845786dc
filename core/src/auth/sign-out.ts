/**
 * Signing out: a web session's row is deleted and every terminal socket it opened is closed at once (the hubs of
 * the user's VPSes close them, `hub/signed-out-viewers.ts`), so a revoked session keeps nothing open.
 * `POST /api/auth/logout-everywhere` does it for every session of the signed-in user, in this browser and all others,
 * forgets every browser pushed to (none of them is to hear of the account's sessions again until signed in and
 * allowed anew), and clears this browser's cookie. Like every write it needs our Origin; unlike `logout` it needs a live session,
 * since "everywhere" must name a user.
 */
import type { ApiResponse } from '@vibecode/schemas';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { openDb } from '../db/client.ts';
import { sameOrigin } from '../http/same-origin.ts';
import { closeSignedOutViewers } from '../hub/signed-out-viewers.ts';
import { recentViewerCookies } from '../hub/viewer-cookies.ts';
import { forgetUserSubscriptions } from '../push/subscriptions.ts';
import { requireUser, securesCookies } from './require-user.ts';
import { clearSessionCookie } from './session-cookie.ts';
import { revokeAllWebSessions, revokeWebSession } from './web-session.ts';

/** Ends the session `token` names, if any, and closes its terminals. */
export async function signOut(c: Context<AppEnv>, token: string): Promise<void> {
  const db = openDb(c.env.DB);
  recentViewerCookies.forget(token);
  const revoked = await revokeWebSession(db, token);
  if (revoked) await closeSignedOutViewers(c.env, db, c.get('log'), revoked.userId, [revoked.id]);
}

export function signOutEverywhereRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().post('/api/auth/logout-everywhere', sameOrigin(), requireUser, async (c) => {
    const db = openDb(c.env.DB);
    const user = c.get('user');
    const ids = await revokeAllWebSessions(db, user.id);
    const closed = await closeSignedOutViewers(c.env, db, c.get('log'), user.id, ids);
    const browsers = await forgetUserSubscriptions(db, user.id);
    c.get('log').info('signed out everywhere', {
      sessions: ids.length,
      viewers_closed: closed,
      push_browsers: browsers,
    });
    // `requireUser` adds no renewal cookie after this one.
    c.header('Set-Cookie', clearSessionCookie(securesCookies(c)));
    return c.json({ ok: true } satisfies ApiResponse<'POST /api/auth/logout-everywhere'>);
  });
}
