/**
 * Email for long waits (issue 17 item 2): a session whose agent has asked a question (`needs_input`) that nobody has
 * answered or opened for ATTENTION_EMAIL_AFTER_MINUTES gets one `session.waiting` notification, which only the email
 * channel delivers (the web lists the question and Telegram posted it as it came), one per server for the sessions
 * of it that come due in the same run (never a storm of mails). Each question is claimed with a
 * conditional update of `attention_emailed_at` (set to the question's `agent_state_at`) before it is sent, so two
 * overlapping crons send it once; a later question is a new wait. Bounded per run; the next run takes the rest.
 */
import type { Logger } from '@vibecode/schemas/log';
import { and, asc, eq, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions, vps } from '../db/schema.ts';
import { type Notifier, notification, type WaitingSession } from '../notify/notification.ts';

export const WAITING_EMAIL_BATCH = 50;

export async function runWaitingEmails(
  db: Db,
  notifier: Notifier,
  now: number,
  afterMs: number,
  log: Logger,
): Promise<number> {
  const due = await db
    .select({
      sessionId: sessions.id,
      userId: sessions.userId,
      vpsId: sessions.vpsId,
      vpsName: vps.name,
      title: sessions.title,
      detail: sessions.agentDetail,
      askedAt: sessions.agentStateAt,
    })
    .from(sessions)
    .innerJoin(vps, eq(vps.id, sessions.vpsId))
    .where(
      and(
        eq(sessions.status, 'running'),
        eq(sessions.agentState, 'needs_input'),
        isNull(sessions.attentionClearedAt),
        lte(sessions.agentStateAt, now - afterMs),
        or(isNull(sessions.attentionEmailedAt), lt(sessions.attentionEmailedAt, sessions.agentStateAt)),
      ),
    )
    .orderBy(asc(sessions.agentStateAt))
    .limit(WAITING_EMAIL_BATCH);
  // Claimed first, then one notification per server with every session of it that came due in this run.
  const byServer = new Map<string, { row: (typeof due)[number]; sessions: WaitingSession[] }>();
  for (const row of due) {
    const askedAt = row.askedAt ?? 0;
    const claimed = await db
      .update(sessions)
      .set({ attentionEmailedAt: askedAt })
      .where(
        and(
          eq(sessions.id, row.sessionId),
          eq(sessions.agentStateAt, askedAt),
          or(isNull(sessions.attentionEmailedAt), lt(sessions.attentionEmailedAt, askedAt)),
        ),
      )
      .returning({ id: sessions.id });
    if (claimed.length === 0) continue;
    const server = byServer.get(row.vpsId) ?? { row, sessions: [] };
    server.sessions.push({ id: row.sessionId, title: row.title, detail: row.detail ?? 'a question' });
    byServer.set(row.vpsId, server);
  }
  let sent = 0;
  for (const { row, sessions: waiting } of byServer.values()) {
    const target = { userId: row.userId, vpsId: row.vpsId, vpsName: row.vpsName, sessions: waiting };
    await notifier.notify(notification('session.waiting', target, row.askedAt ?? 0));
    log.info('waiting sessions emailed', { user_id: row.userId, vps_id: row.vpsId, sessions: waiting.length });
    sent += waiting.length;
  }
  return sent;
}
