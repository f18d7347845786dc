/**
 * `MiniAppSessions`, the port a Telegram Mini App's sign-in goes through (`@vibecode/telegram`'s
 * `POST /api/miniapp/auth`): the channel vouches for the user (initData it checked, a linked account), core starts an
 * ordinary web session for them, so every route and WebSocket takes it as the web's. It lives MINIAPP_SESSION_MAX_AGE_MS
 * from its creation and renewal never moves that (`web-session.ts`): reopening the Mini App signs in again.
 */

import { eq } from 'drizzle-orm';
import type { AppEnvName } from '../config/setting-values.ts';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { isSecureCookieContext, serializeMiniAppCookie } from './session-cookie.ts';
import { createWebSession } from './web-session.ts';

export const MINIAPP_SESSION_MAX_AGE_MS = 8 * 3_600_000;

export type MiniAppSession = {
  /** The `Set-Cookie` value to send with the answer, for the context of the request's URL. */
  setCookie: string;
  /** When the session ends, ms since the epoch. */
  expiresAt: number;
};

export interface MiniAppSessions {
  /** Starts a Mini App web session for the user; null when there is no such user. */
  start(userId: string, requestUrl: string): Promise<MiniAppSession | null>;
}

export function miniAppSessions(db: Db, appEnv: AppEnvName, now: () => number = Date.now): MiniAppSessions {
  return {
    async start(userId, requestUrl) {
      const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1);
      if (!user) return null;
      const at = now();
      const token = await createWebSession(db, user.id, at, MINIAPP_SESSION_MAX_AGE_MS);
      const secure = isSecureCookieContext(appEnv, new URL(requestUrl));
      return {
        setCookie: serializeMiniAppCookie(token, secure, MINIAPP_SESSION_MAX_AGE_MS / 1000),
        expiresAt: at + MINIAPP_SESSION_MAX_AGE_MS,
      };
    },
  };
}
