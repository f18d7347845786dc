/**
 * The attention feed: a user's running sessions whose agent last reported a state that wants them (a question, a
 * usage limit, finished work) and that nobody has opened or answered since. One D1 statement.
 */
import { type AttentionItem, type AttentionState, attentionStates } from '@vibecode/schemas';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions } from '../db/schema.ts';

/** What finished work says when its agent named nothing. */
export const DONE_DETAIL = 'Finished, and waiting for you';

export async function attentionItems(db: Db, userId: string): Promise<AttentionItem[]> {
  const rows = await db
    .select({
      sessionId: sessions.id,
      vpsId: sessions.vpsId,
      state: sessions.agentState,
      detail: sessions.agentDetail,
      choices: sessions.agentChoices,
      fingerprint: sessions.agentFingerprint,
      resetsAt: sessions.agentResetsAt,
      continueAtReset: sessions.continueAtReset,
      since: sessions.agentStateAt,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        eq(sessions.status, 'running'),
        inArray(sessions.agentState, [...attentionStates]),
        isNull(sessions.attentionClearedAt),
      ),
    )
    .orderBy(asc(sessions.agentStateAt));
  return rows.map((row) => ({
    session_id: row.sessionId,
    vps_id: row.vpsId,
    state: row.state as AttentionState,
    detail: row.detail ?? DONE_DETAIL,
    ...(row.choices ? { choices: row.choices } : {}),
    ...(row.fingerprint ? { prompt_fingerprint: row.fingerprint } : {}),
    ...(row.resetsAt !== null ? { resets_at: new Date(row.resetsAt).toISOString() } : {}),
    ...(row.state === 'limited' ? { continue_at_reset: row.continueAtReset } : {}),
    since: new Date(row.since ?? 0).toISOString(),
  }));
}

/** A person answered the session: its item is cleared on every surface that reads the feed. */
export async function clearAttention(db: Db, sessionId: string, now: number): Promise<void> {
  await db.update(sessions).set({ attentionClearedAt: now }).where(eq(sessions.id, sessionId));
}

/** The person's choice to continue the session's agent when its usage limit resets (the hub acts on it). */
export async function setContinueAtReset(db: Db, sessionId: string, enabled: boolean): Promise<void> {
  await db.update(sessions).set({ continueAtReset: enabled }).where(eq(sessions.id, sessionId));
}
