/**
 * Single-use tokens bound to a subject: a sign-in link to an email, a bootstrap token to a VPS, an OAuth `state` to a
 * user and their web session. Only the SHA-256 of the 256-bit token is stored, in D1 (KV is eventually consistent and
 * could accept a token twice); consuming is one conditional UPDATE … RETURNING, so of any number of parallel attempts
 * exactly one gets the subject.
 */
import { and, eq, gt, isNotNull, isNull, lte, or, type SQL } from 'drizzle-orm';
import { sha256Hex } from '../crypto/hash.ts';
import { isWellFormedToken, randomToken } from '../crypto/random-token.ts';
import type { Db } from '../db/client.ts';
import type { bootstrapTokens, magicLinkTokens, oauthStates } from '../db/schema.ts';

/** The tables that hold single-use tokens: `tokenHash`, the subject's columns, `createdAt`, `expiresAt`, `usedAt`. */
type TokenTable = typeof magicLinkTokens | typeof bootstrapTokens | typeof oauthStates;

/** The columns a table binds its tokens to (`email`; `vpsId`; `userId` and `webSessionHash`). */
type SubjectKey<T extends TokenTable> = Exclude<
  keyof T['$inferInsert'] & string,
  'tokenHash' | 'createdAt' | 'expiresAt' | 'usedAt'
>;

export interface SingleUseTokens<S> {
  /** A fresh token for `subject`, valid for the kind's TTL from `now`. */
  issue(db: Db, subject: S, now: number): Promise<string>;
  /** The subject, if the token is unused and unexpired at `now`; it is then used up. */
  consume(db: Db, token: string, now: number): Promise<S | null>;
}

export function singleUseTokens<T extends TokenTable, K extends SubjectKey<T>>(
  table: T,
  subjectKeys: readonly K[],
  ttlMs: number,
): SingleUseTokens<Record<K, string>> {
  const t: TokenTable = table;
  // drizzle cannot type columns picked by a generic key; every subject column is non-null text.
  const subjectColumns: Record<string, typeof magicLinkTokens.email> = Object.fromEntries(
    subjectKeys.map((key) => [key, table[key as keyof T] as unknown as typeof magicLinkTokens.email]),
  );
  return {
    async issue(db, subject, now) {
      const token = randomToken();
      const row = { tokenHash: await sha256Hex(token), ...subject, createdAt: now, expiresAt: now + ttlMs };
      await db.insert(t).values(row as typeof t.$inferInsert);
      return token;
    },
    async consume(db, token, now) {
      if (!isWellFormedToken(token)) return null;
      const [row] = await db
        .update(t)
        .set({ usedAt: now })
        .where(and(eq(t.tokenHash, await sha256Hex(token)), isNull(t.usedAt), gt(t.expiresAt, now)))
        .returning(subjectColumns);
      return (row as Record<K, string> | undefined) ?? null;
    },
  };
}

/** Tokens that can never be used again as of `cutoff`: expired, or used, by then. */
export function spentBy(table: TokenTable, cutoff: number): SQL | undefined {
  return or(lte(table.expiresAt, cutoff), and(isNotNull(table.usedAt), lte(table.usedAt, cutoff)));
}
