/**
 * Keeps the auth tables bounded: rows that can never be used again are deleted by the cron sweep. Expired or used
 * sign-in tokens, bootstrap tokens and OAuth states go after a day (kept that long so a late click still gets
 * "already used" rather than a mystery, and for incident review); expired web sessions go at once.
 */
import { lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { bootstrapTokens, magicLinkTokens, oauthStates, webSessions } from '../db/schema.ts';
import { spentBy } from './single-use-token.ts';

export const SPENT_TOKEN_RETENTION_MS = 24 * 3_600_000;

export async function purgeExpiredAuthRows(db: Db, now: number): Promise<void> {
  const cutoff = now - SPENT_TOKEN_RETENTION_MS;
  await db.batch([
    db.delete(magicLinkTokens).where(spentBy(magicLinkTokens, cutoff)),
    db.delete(bootstrapTokens).where(spentBy(bootstrapTokens, cutoff)),
    db.delete(oauthStates).where(spentBy(oauthStates, cutoff)),
    db.delete(webSessions).where(lte(webSessions.expiresAt, now)),
  ]);
}
