/** `NotificationStore` over D1: a `notifications` row per kept notice (the payload the banner API serves). */
import type { NoticePayload } from '@vibecode/schemas';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { emailIdentities, notifications } from '../db/schema.ts';
import type { NotificationStore } from './notification-store.ts';

export function d1NotificationStore(db: Db): NotificationStore {
  return {
    async keep(notification, title) {
      await db.insert(notifications).values({
        id: notification.id,
        userId: notification.userId,
        vpsId: notification.vpsId,
        kind: notification.kind,
        payloadJson: JSON.stringify({
          title,
          vps_name: notification.vpsName,
          since: new Date(notification.since).toISOString(),
          actions: notification.actions,
        } satisfies NoticePayload),
        createdAt: Date.now(),
      });
    },
    async emailsOf(userId) {
      const rows = await db
        .select({ email: emailIdentities.email })
        .from(emailIdentities)
        .where(eq(emailIdentities.userId, userId));
      return rows.map((row) => row.email);
    },
  };
}
