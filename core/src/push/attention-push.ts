/**
 * What a person's browsers are pushed when their agents want them (issue 17 item 2): a hub that recorded such a
 * state asks for a push a moment later (`hub/attention-pushes.ts`), and this claims every item of the owner's not yet
 * pushed — across all their servers, so sessions that changed together make one notification, and two hubs never
 * push the same item — in one conditional update of `attention_pushed_at`, then sends the one notification the web
 * would show (`attentionNotification`) to each of their subscriptions. An item answered or opened before the push
 * went is not pushed; a subscription its push service calls gone is forgotten.
 */
import { attentionNotification, attentionStates, type PushMessage } from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import { and, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { DONE_DETAIL } from '../attention/attention-items.ts';
import type { Db } from '../db/client.ts';
import { sessions, vps } from '../db/schema.ts';
import { MAX_PLAINTEXT_BYTES } from './payload-encryption.ts';
import type { PushConfig } from './push-config.ts';
import { type PushDelivery, sendPush } from './push-sender.ts';
import { forgetSubscriptions, userSubscriptions } from './subscriptions.ts';

/**
 * Kept by the push service for an hour (a question older than that is on the dashboard, and in the mail after
 * ATTENTION_EMAIL_AFTER_MINUTES); wakes a phone at once; a newer one replaces one still held.
 */
export const ATTENTION_DELIVERY: PushDelivery = { ttlSeconds: 3600, urgency: 'high', topic: 'attention' };

/** An item older than this is never pushed (a browser subscribing now is not told of yesterday's questions). */
export const PUSH_FRESH_MS = 10 * 60_000;

export interface PushRun {
  items: number;
  sent: number;
}

export async function pushAttention(
  db: Db,
  config: PushConfig,
  vpsId: string,
  now: number,
  log: Logger,
): Promise<PushRun> {
  const [owner] = await db.select({ userId: vps.userId }).from(vps).where(eq(vps.id, vpsId));
  if (owner === undefined) return { items: 0, sent: 0 };
  // Nobody to push to: nothing is claimed, so a browser subscribing in a moment still hears of what is fresh.
  const targets = await userSubscriptions(db, owner.userId);
  if (targets.length === 0) return { items: 0, sent: 0 };
  const claimed = await db
    .update(sessions)
    .set({ attentionPushedAt: sql`${sessions.agentStateAt}` })
    .where(
      and(
        eq(sessions.userId, owner.userId),
        eq(sessions.status, 'running'),
        inArray(sessions.agentState, [...attentionStates]),
        isNull(sessions.attentionClearedAt),
        gte(sessions.agentStateAt, now - PUSH_FRESH_MS),
        or(isNull(sessions.attentionPushedAt), lt(sessions.attentionPushedAt, sessions.agentStateAt)),
      ),
    )
    .returning({
      session_id: sessions.id,
      vps_id: sessions.vpsId,
      title: sessions.title,
      state: sessions.agentState,
      detail: sessions.agentDetail,
      at: sessions.agentStateAt,
    });
  if (claimed.length === 0) return { items: 0, sent: 0 };
  const items = claimed
    .map((row) => ({ ...row, state: row.state as (typeof attentionStates)[number], detail: row.detail ?? DONE_DETAIL }))
    // In the order they happened; states recorded in the same millisecond by title, not by how SQLite returned them.
    .sort((a, b) => (a.at ?? 0) - (b.at ?? 0) || a.title.localeCompare(b.title));
  const message = attentionNotification(items, (item) => item.title);
  const fields = { user_id: owner.userId, vps_id: vpsId, items: items.length };
  if (message === null) return { items: 0, sent: 0 };
  const push = withinOnePush(message);
  const outcomes = await Promise.all(
    targets.map(async ({ id, ...target }) => ({
      id,
      outcome: await sendPush(config, target, push, ATTENTION_DELIVERY, now),
    })),
  );
  const gone = outcomes.filter(({ outcome }) => outcome.kind === 'gone').map(({ id }) => id);
  await forgetSubscriptions(db, gone);
  for (const { outcome } of outcomes) {
    if (outcome.kind === 'failed') log.warn('push failed', { ...fields, reason: outcome.reason });
  }
  const sent = outcomes.filter(({ outcome }) => outcome.kind === 'sent').length;
  log.info('attention pushed', { ...fields, browsers: targets.length, sent, forgotten: gone.length });
  return { items: items.length, sent };
}

/** The schema's bounds on a push message's title and body (schemas/api/push-message.json). */
const TITLE_MAX = 200;
const BODY_MAX = 1000;

/** The message within one push: a long question is cut (the page shows it whole), then the title if need be. */
function withinOnePush(message: PushMessage): PushMessage {
  let title = cut(message.title, TITLE_MAX);
  let body = cut(message.body, BODY_MAX);
  const bytes = () => new TextEncoder().encode(JSON.stringify({ ...message, title, body })).length;
  while (bytes() > MAX_PLAINTEXT_BYTES) {
    if (body.length > 1) body = cut(body, Math.floor(body.length / 2));
    else title = cut(title, Math.max(1, Math.floor(title.length / 2)));
  }
  return { ...message, title, body };
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
