/**
 * The first channel: the web banner (a notice core's `NotificationStore` keeps until the user dismisses it on the
 * dashboard) and an email through core's `EmailSender` to each of the user's sign-in addresses. Every user has it:
 * signing in needs an email.
 */
import type { EmailSender, Notification, NotificationStore } from '@vibecode/core/ports';
import type { Channel } from './channel.ts';
import { renderNotification } from './render.ts';

export interface WebEmailDeps {
  store: NotificationStore;
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
      // A waiting session is on the dashboard's own list already: this channel only mails it.
      if (notification.kind !== 'session.waiting') await deps.store.keep(notification, rendered.subject);
      for (const email of await deps.store.emailsOf(notification.userId)) {
        await deps.email.send({ to: email, subject: rendered.subject, text: rendered.text, link: rendered.link });
      }
    },
  };
}
