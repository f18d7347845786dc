/**
 * The first channel: the web banner (a `notifications` row the dashboard shows until dismissed) and an email
 * through core's `EmailSender` to the user's sign-in address. Every user has it: signing in needs an email.
 */
import { type Db, type EmailSender, emailIdentities, type Notification, notifications } from '@vibecode/core';
import type { NoticePayload } from '@vibecode/schemas';
import { eq } from 'drizzle-orm';
import type { Channel } from './channel.ts';
import { renderNotification } from './render.ts';

export interface WebEmailDeps {
  db: Db;
  email: EmailSender;
  /** The web app's origin for links in mail; null in local mode without PUBLIC_URL (links are then relative). */
  appUrl: string | null;
}

export function webEmailChannel(deps: WebEmailDeps): Channel {
  return {
    name: 'web-email',
    linked: async () => true,
    async deliver(notification: Notification): Promise<void> {
      const rendered = renderNotification(notification, deps.appUrl ?? '');
      await deps.db.insert(notifications).values({
        id: notification.id,
        userId: notification.userId,
        vpsId: notification.vpsId,
        kind: notification.kind,
        payloadJson: JSON.stringify({
          title: rendered.subject,
          vps_name: notification.vpsName,
          since: new Date(notification.since).toISOString(),
          actions: notification.actions,
        } satisfies NoticePayload),
        createdAt: Date.now(),
      });
      const addresses = await deps.db
        .select({ email: emailIdentities.email })
        .from(emailIdentities)
        .where(eq(emailIdentities.userId, notification.userId));
      for (const { email } of addresses) {
        await deps.email.send({ to: email, subject: rendered.subject, text: rendered.text, link: rendered.link });
      }
    },
  };
}
