/**
 * Single-use sign-in tokens. Only the SHA-256 of the 256-bit token is stored, in D1 (KV is eventually
 * consistent and could accept a token twice); consuming is one conditional UPDATE … RETURNING, so of any
 * number of parallel attempts exactly one gets the email.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { sha256Hex } from '../crypto/hash.ts';
import { randomToken } from '../crypto/random-token.ts';
import type { Db } from '../db/client.ts';
import { magicLinkTokens } from '../db/schema.ts';

export const MAGIC_LINK_TTL_MS = 15 * 60_000;

/** Tokens from `randomToken()`: 32 bytes as unpadded base64url. Anything else is refused before any lookup. */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}

export async function issueMagicLink(db: Db, email: string, now: number): Promise<string> {
  const token = randomToken();
  await db.insert(magicLinkTokens).values({
    tokenHash: await sha256Hex(token),
    email,
    createdAt: now,
    expiresAt: now + MAGIC_LINK_TTL_MS,
  });
  return token;
}

/** The email the token was issued for, if it is unused and unexpired at `now`; it is then used up. */
export async function consumeMagicLink(db: Db, token: string, now: number): Promise<string | null> {
  if (!isWellFormedToken(token)) return null;
  const [row] = await db
    .update(magicLinkTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(magicLinkTokens.tokenHash, await sha256Hex(token)),
        isNull(magicLinkTokens.usedAt),
        gt(magicLinkTokens.expiresAt, now),
      ),
    )
    .returning({ email: magicLinkTokens.email });
  return row?.email ?? null;
}
