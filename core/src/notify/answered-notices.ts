/**
 * A notice the user has answered is no longer news: Retry answers a provisioning timeout, Power Off answers an idle
 * server, Keep running (or closing the banner) answers the notice it is on. What answered it dismisses the open
 * notices it answers, so no banner asks again, and tells the channels (`Notifier.answered`), so no chat does either.
 */
import type { Logger } from '@vibecode/schemas/log';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { notifications } from '../db/schema.ts';
import type { NoticeAnswer, NotificationKind, Notifier } from './notification.ts';

/**
 * Whom to tell. Built only when something was answered: building the channels' notifier reads the Worker's config,
 * and a notifier that cannot be built is logged, never the answer's failure (the notice is dismissed either way).
 */
export type AnswerListeners = { notifier: () => Notifier; log: Logger };

type Dismissed = { id: string; userId: string; vpsId: string | null; kind: NotificationKind };

async function tell(listeners: AnswerListeners, rows: Dismissed[], answer: NoticeAnswer): Promise<void> {
  const [first] = rows;
  if (first === undefined || first.vpsId === null) return;
  try {
    await listeners
      .notifier()
      .answered({ ids: rows.map((r) => r.id), userId: first.userId, vpsId: first.vpsId, kind: first.kind, answer });
  } catch (error) {
    listeners.log.error('telling the channels a notice was answered failed', {
      user_id: first.userId,
      vps_id: first.vpsId,
      error: String(error),
    });
  }
}

const dismissedColumns = {
  id: notifications.id,
  userId: notifications.userId,
  vpsId: notifications.vpsId,
  kind: notifications.kind,
};

/** Dismisses the VPS's open notices of `kind` (all one user's: the VPS's owner) and tells the channels. */
export async function dismissAnsweredNotices(
  db: Db,
  listeners: AnswerListeners,
  target: { vpsId: string; kind: NotificationKind; answer: NoticeAnswer },
  now: number,
): Promise<void> {
  const rows = (await db
    .update(notifications)
    .set({ dismissedAt: now })
    .where(
      and(
        eq(notifications.vpsId, target.vpsId),
        eq(notifications.kind, target.kind),
        isNull(notifications.dismissedAt),
      ),
    )
    .returning(dismissedColumns)) as Dismissed[];
  await tell(listeners, rows, target.answer);
}

/**
 * Dismisses one notice of the user's by id (the banner's close, or Keep running) and tells the channels; false when
 * the user has no such notice. Dismissing it again is no error (a second tab's click). An idle notice dismissed is
 * one kept running.
 */
export async function dismissNotice(
  db: Db,
  listeners: AnswerListeners,
  userId: string,
  id: string,
  now: number,
): Promise<boolean> {
  const rows = (await db
    .update(notifications)
    .set({ dismissedAt: now })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning(dismissedColumns)) as Dismissed[];
  const [row] = rows;
  if (row === undefined) return false;
  await tell(listeners, rows, row.kind === 'vps.idle' ? 'kept_running' : 'dismissed');
  return true;
}
