/**
 * Browser sessions: a random 256-bit cookie value, stored as its SHA-256 (the session's id everywhere else, e.g. on
 * the hub's viewer sockets). Sliding expiry of 30 days, renewed at most once an hour (a D1 write and a fresh
 * cookie), so busy pages don't write on every request; and, whatever the sliding window says, no session outlives
 * its absolute lifetime from creation (`max_age_ms`: WEB_SESSION_MAX_AGE_MS for a sign-in, shorter for a Mini App's),
 * so a stolen cookie kept busy still dies. A session whose expiry already sits at that end is never "renewed": no
 * fresh cookie is sent for it (a Mini App's cookie has other attributes than `serializeSessionCookie` writes).
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import { sha256Hex } from '../crypto/hash.ts';
import { isWellFormedToken, randomToken } from '../crypto/random-token.ts';
import type { Db } from '../db/client.ts';
import { emailIdentities, webSessions } from '../db/schema.ts';
import type { SignedInUser } from './users.ts';

export const WEB_SESSION_TTL_MS = 30 * 24 * 3_600_000;
export const WEB_SESSION_RENEW_AFTER_MS = 3_600_000;
/** The absolute lifetime, counted from sign-in (`created_at`). */
export const WEB_SESSION_MAX_AGE_MS = 30 * 24 * 3_600_000;

/** The id a session is known by outside the cookie: the token's SHA-256, as stored. */
export function webSessionId(token: string): Promise<string> {
  return sha256Hex(token);
}

function expiryAt(createdAt: number, maxAgeMs: number, now: number): number {
  return Math.min(now + WEB_SESSION_TTL_MS, createdAt + maxAgeMs);
}

/** A new session's cookie value; `maxAgeMs` is its absolute lifetime (at most WEB_SESSION_MAX_AGE_MS). */
export async function createWebSession(
  db: Db,
  userId: string,
  now: number,
  maxAgeMs = WEB_SESSION_MAX_AGE_MS,
): Promise<string> {
  const token = randomToken();
  const lifetime = Math.min(maxAgeMs, WEB_SESSION_MAX_AGE_MS);
  await db.insert(webSessions).values({
    idHash: await webSessionId(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: expiryAt(now, lifetime, now),
    maxAgeMs: lifetime,
  });
  return token;
}

/**
 * The session's user and id (`webSessionId`) if the token is live at `now`; `renewed` says the expiry moved and the
 * cookie should too, to `expiresAt`.
 */
export async function resolveWebSession(
  db: Db,
  token: string,
  now: number,
): Promise<{ id: string; user: SignedInUser; renewed: boolean; expiresAt: number } | null> {
  if (!isWellFormedToken(token)) return null;
  const idHash = await webSessionId(token);
  const [row] = await db
    .select({
      userId: webSessions.userId,
      createdAt: webSessions.createdAt,
      lastSeenAt: webSessions.lastSeenAt,
      expiresAt: webSessions.expiresAt,
      maxAgeMs: webSessions.maxAgeMs,
      email: emailIdentities.email,
    })
    .from(webSessions)
    .innerJoin(emailIdentities, eq(emailIdentities.userId, webSessions.userId))
    .where(
      and(
        eq(webSessions.idHash, idHash),
        gt(webSessions.expiresAt, now),
        // Rows written before the absolute lifetime existed may carry a later expiry: the creation time decides.
        gt(sql`${webSessions.createdAt} + ${webSessions.maxAgeMs}`, now),
      ),
    )
    .limit(1);
  if (!row) return null;
  const user = { id: row.userId, email: row.email };
  if (now - row.lastSeenAt < WEB_SESSION_RENEW_AFTER_MS) {
    return { id: idHash, user, renewed: false, expiresAt: row.expiresAt };
  }
  const expiresAt = expiryAt(row.createdAt, row.maxAgeMs, now);
  await db.update(webSessions).set({ lastSeenAt: now, expiresAt }).where(eq(webSessions.idHash, idHash));
  return { id: idHash, user, renewed: expiresAt !== row.expiresAt, expiresAt };
}

/** Deletes the token's session; returns its id and user when there was one. */
export async function revokeWebSession(db: Db, token: string): Promise<{ id: string; userId: string } | null> {
  if (!isWellFormedToken(token)) return null;
  const [row] = await db
    .delete(webSessions)
    .where(eq(webSessions.idHash, await webSessionId(token)))
    .returning({ id: webSessions.idHash, userId: webSessions.userId });
  return row ?? null;
}

/** Deletes every session of the user; returns their ids, so whatever they opened can be closed too. */
export async function revokeAllWebSessions(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .delete(webSessions)
    .where(eq(webSessions.userId, userId))
    .returning({ idHash: webSessions.idHash });
  return rows.map((row) => row.idHash);
}
