/**
 * Browser sessions: a random 256-bit cookie value, stored as its SHA-256. Sliding expiry of 30 days, renewed
 * at most once an hour (a D1 write and a fresh cookie), so busy pages don't write on every request.
 */
import { and, eq, gt } from 'drizzle-orm';
import { sha256Hex } from '../crypto/hash.ts';
import { isWellFormedToken, randomToken } from '../crypto/random-token.ts';
import type { Db } from '../db/client.ts';
import { emailIdentities, webSessions } from '../db/schema.ts';
import type { SignedInUser } from './users.ts';

export const WEB_SESSION_TTL_MS = 30 * 24 * 3_600_000;
export const WEB_SESSION_RENEW_AFTER_MS = 3_600_000;

export async function createWebSession(db: Db, userId: string, now: number): Promise<string> {
  const token = randomToken();
  await db.insert(webSessions).values({
    idHash: await sha256Hex(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + WEB_SESSION_TTL_MS,
  });
  return token;
}

/** The session's user if the token is live at `now`; `renewed` says the expiry moved and the cookie should too. */
export async function resolveWebSession(
  db: Db,
  token: string,
  now: number,
): Promise<{ user: SignedInUser; renewed: boolean } | null> {
  if (!isWellFormedToken(token)) return null;
  const idHash = await sha256Hex(token);
  const [row] = await db
    .select({ userId: webSessions.userId, lastSeenAt: webSessions.lastSeenAt, email: emailIdentities.email })
    .from(webSessions)
    .innerJoin(emailIdentities, eq(emailIdentities.userId, webSessions.userId))
    .where(and(eq(webSessions.idHash, idHash), gt(webSessions.expiresAt, now)))
    .limit(1);
  if (!row) return null;
  const renewed = now - row.lastSeenAt >= WEB_SESSION_RENEW_AFTER_MS;
  if (renewed) {
    await db
      .update(webSessions)
      .set({ lastSeenAt: now, expiresAt: now + WEB_SESSION_TTL_MS })
      .where(eq(webSessions.idHash, idHash));
  }
  return { user: { id: row.userId, email: row.email }, renewed };
}

export async function revokeWebSession(db: Db, token: string): Promise<void> {
  if (!isWellFormedToken(token)) return;
  await db.delete(webSessions).where(eq(webSessions.idHash, await sha256Hex(token)));
}
