/**
 * OAuth `state` rows: single-use tokens (`auth/single-use-token.ts`) bound to the user and to the hash of the web
 * session that started the flow, valid 10 minutes. The callback uses the state up whether or not it is bound to the
 * caller, so a state that reached another session is spent, and of two racing callbacks at most one succeeds.
 */
import { singleUseTokens } from '../auth/single-use-token.ts';
import { sha256Hex } from '../crypto/hash.ts';
import type { Db } from '../db/client.ts';
import { oauthStates } from '../db/schema.ts';

export const OAUTH_STATE_TTL_MS = 10 * 60_000;

const states = singleUseTokens(oauthStates, ['userId', 'webSessionHash'], OAUTH_STATE_TTL_MS);

export async function issueOAuthState(db: Db, userId: string, sessionToken: string, now: number): Promise<string> {
  return states.issue(db, { userId, webSessionHash: await sha256Hex(sessionToken) }, now);
}

/** True when `state` was issued to this user's current web session, unexpired and not used; it is used up now. */
export async function consumeOAuthState(
  db: Db,
  userId: string,
  sessionToken: string,
  state: string | null,
  now: number,
): Promise<boolean> {
  const bound = state === null ? null : await states.consume(db, state, now);
  return bound !== null && bound.userId === userId && bound.webSessionHash === (await sha256Hex(sessionToken));
}
