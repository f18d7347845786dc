/**
 * A notice the user has answered is no longer news: Retry answers a provisioning timeout, Power Off answers an idle
 * server. The route that did it dismisses the VPS's open notices of that kind, so no banner asks again.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { notifications } from '../db/schema.ts';
import type { NotificationKind } from './notification.ts';

export async function dismissAnsweredNotices(db: Db, vpsId: string, kind: NotificationKind, now: number) {
  await db
    .update(notifications)
    .set({ dismissedAt: now })
    .where(and(eq(notifications.vpsId, vpsId), eq(notifications.kind, kind), isNull(notifications.dismissedAt)));
}
