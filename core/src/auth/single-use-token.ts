/**
 * Single-use tokens bound to one subject: a sign-in link to an email, a bootstrap token to a VPS. Only the SHA-256
 * of the 256-bit token is stored, in D1 (KV is eventually consistent and could accept a token twice); consuming is
 * one conditional UPDATE … RETURNING, so of any number of parallel attempts exactly one gets the subject.
 */
import { and, eq, gt, isNotNull, isNull, lte, or, type SQL } from 'drizzle-orm';
import { sha256Hex } from '../crypto/hash.ts';
import { isWellFormedToken, randomToken } from '../crypto/random-token.ts';
import type { Db } from '../db/client.ts';
import type { bootstrapTokens, magicLinkTokens } from '../db/schema.ts';

/** The tables that hold single-use tokens: `token_hash`, the subject, `created_at`, `expires_at`, `used_at`. */
type TokenTable = typeof magicLinkTokens | typeof bootstrapTokens;

/** The column a table binds its tokens to (`email`, `vpsId`). */
type SubjectKey<T extends TokenTable> = Exclude<
  keyof T['$inferInsert'],
  'tokenHash' | 'createdAt' | 'expiresAt' | 'usedAt'
>;

export interface SingleUseTokens {
  /** A fresh token for `subject`, valid for the kind's TTL from `now`. */
  issue(db: Db, subject: string, now: number): Promise<string>;
  /** The subject, if the token is unused and unexpired at `now`; it is then used up. */
  consume(db: Db, token: string, now: number): Promise<string | null>;
}

export function singleUseTokens<T extends TokenTable>(
  table: T,
  subjectKey: SubjectKey<T>,
  ttlMs: number,
): SingleUseTokens {
  const t: TokenTable = table;
  // drizzle cannot type a column picked by a generic key; both subject columns are non-null text.
  const subjectColumn = table[subjectKey as keyof T] as unknown as typeof magicLinkTokens.email;
  return {
    async issue(db, subject, now) {
      const token = randomToken();
      await db.insert(t).values({
        tokenHash: await sha256Hex(token),
        [subjectKey]: subject,
        createdAt: now,
        expiresAt: now + ttlMs,
      });
      return token;
    },
    async consume(db, token, now) {
      if (!isWellFormedToken(token)) return null;
      const [row] = await db
        .update(t)
        .set({ usedAt: now })
        .where(and(eq(t.tokenHash, await sha256Hex(token)), isNull(t.usedAt), gt(t.expiresAt, now)))
        .returning({ subject: subjectColumn });
      return row?.subject ?? null;
    },
  };
}

/** Tokens that can never be used again as of `cutoff`: expired, or used, by then. */
export function spentBy(table: TokenTable, cutoff: number): SQL | undefined {
  return or(lte(table.expiresAt, cutoff), and(isNotNull(table.usedAt), lte(table.usedAt, cutoff)));
}
