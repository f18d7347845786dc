/**
 * OAuth `state` rows: the state is stored as its SHA-256 with the hash of the web session that started the
 * flow, lives 10 minutes and is consumed by the callback in one `DELETE … RETURNING` (single use, even for two
 * racing callbacks).
 */
import { and, eq, lt } from 'drizzle-orm';
import { sha256Hex } from '../crypto/hash.ts';
import type { Db } from '../db/client.ts';
import { oauthStates } from '../db/schema.ts';
import { createOAuthState } from '../vps/oauth-state.ts';

export const OAUTH_STATE_TTL_MS = 10 * 60_000;

export async function issueOAuthState(db: Db, userId: string, sessionToken: string, now: number): Promise<string> {
  const state = createOAuthState();
  await db.batch([
    db.delete(oauthStates).where(and(eq(oauthStates.userId, userId), lt(oauthStates.expiresAt, now))),
    db.insert(oauthStates).values({
      stateHash: await sha256Hex(state),
      webSessionHash: await sha256Hex(sessionToken),
      userId,
      createdAt: now,
      expiresAt: now + OAUTH_STATE_TTL_MS,
    }),
  ]);
  return state;
}

/** True when `state` was issued to this user's current web session, unexpired and not used; it is used up now. */
export async function consumeOAuthState(
  db: Db,
  userId: string,
  sessionToken: string,
  state: string | null,
  now: number,
): Promise<boolean> {
  if (!state || state.length > 128) return false;
  const [row] = await db
    .delete(oauthStates)
    .where(eq(oauthStates.stateHash, await sha256Hex(state)))
    .returning();
  return (
    row !== undefined &&
    row.userId === userId &&
    row.webSessionHash === (await sha256Hex(sessionToken)) &&
    row.expiresAt > now
  );
}
