/**
 * Each Telegram `update_id` runs once. Telegram re-sends an update it thinks was not delivered, and the Queue
 * delivers at least once, so the consumer claims the id in D1 before running it, in one statement:
 *   - a new id, a `failed` one, or a `running` one whose lease ran out (its run died) → claimed;
 *   - a `done` one → a duplicate: acknowledged without running;
 *   - a `running` one inside its lease → another run has it: retried later.
 * The lease outlasts any one run (each Bot API call retries at most 3 times, waiting at most 30 s); claims are kept
 * two days, past Telegram's 24 h of re-sending, then purged.
 */
import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { TelegramDb } from './client.ts';
import { telegramUpdates } from './schema.ts';

export const CLAIM_LEASE_MS = 2 * 60_000;
export const CLAIM_KEPT_MS = 2 * 24 * 3_600_000;

export type Claim = { outcome: 'claimed'; attempts: number } | { outcome: 'done' } | { outcome: 'busy' };

export interface UpdateClaims {
  claim(updateId: number, now: number): Promise<Claim>;
  /** Ran to the end, or failed in a way no retry fixes: never runs again. */
  finish(updateId: number, now: number): Promise<void>;
  /** Failed and will be retried: the next delivery may claim it. */
  release(updateId: number, now: number): Promise<void>;
  purge(now: number): Promise<void>;
}

export function d1UpdateClaims(db: TelegramDb): UpdateClaims {
  const t = telegramUpdates;
  const settle = (state: 'done' | 'failed') => async (updateId: number, now: number) => {
    await db.update(t).set({ state, finishedAt: now }).where(eq(t.updateId, updateId));
  };
  return {
    async claim(updateId, now) {
      const [claimed] = await db
        .insert(t)
        .values({ updateId, state: 'running', attempts: 1, claimedAt: now })
        .onConflictDoUpdate({
          target: t.updateId,
          set: { state: 'running', attempts: sql`${t.attempts} + 1`, claimedAt: now, finishedAt: null },
          setWhere: or(eq(t.state, 'failed'), and(eq(t.state, 'running'), lt(t.claimedAt, now - CLAIM_LEASE_MS))),
        })
        .returning({ attempts: t.attempts });
      if (claimed) return { outcome: 'claimed', attempts: claimed.attempts };
      const [row] = await db.select({ state: t.state }).from(t).where(eq(t.updateId, updateId));
      return row?.state === 'done' ? { outcome: 'done' } : { outcome: 'busy' };
    },
    finish: settle('done'),
    release: settle('failed'),
    async purge(now) {
      await db.delete(t).where(lt(t.claimedAt, now - CLAIM_KEPT_MS));
    },
  };
}
