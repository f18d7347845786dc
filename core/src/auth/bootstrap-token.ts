/**
 * One-time tokens that cloud-init hands the gateway so it can register. Bound to one VPS, stored as SHA-256,
 * valid for 1 hour: cloud-init installs Node and the gateway before the first registration attempt, which can
 * take several minutes on a small droplet, and a token that leaks after that hour is worthless.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { sha256Hex } from '../crypto/hash.ts';
import { randomToken } from '../crypto/random-token.ts';
import type { Db } from '../db/client.ts';
import { bootstrapTokens } from '../db/schema.ts';
import { isWellFormedToken } from './magic-link.ts';

export const BOOTSTRAP_TOKEN_TTL_MS = 3_600_000;

export async function issueBootstrapToken(db: Db, vpsId: string, now: number): Promise<string> {
  const token = randomToken();
  await db.insert(bootstrapTokens).values({
    tokenHash: await sha256Hex(token),
    vpsId,
    createdAt: now,
    expiresAt: now + BOOTSTRAP_TOKEN_TTL_MS,
  });
  return token;
}

/** The VPS the token is bound to, if it is unused and unexpired at `now`; it is then used up (atomically). */
export async function consumeBootstrapToken(db: Db, token: string, now: number): Promise<string | null> {
  if (!isWellFormedToken(token)) return null;
  const [row] = await db
    .update(bootstrapTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(bootstrapTokens.tokenHash, await sha256Hex(token)),
        isNull(bootstrapTokens.usedAt),
        gt(bootstrapTokens.expiresAt, now),
      ),
    )
    .returning({ vpsId: bootstrapTokens.vpsId });
  return row?.vpsId ?? null;
}
