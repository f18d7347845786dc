/**
 * Core's `Notifier` port as the tests drive it, without the channels: one that records what core emits, one that
 * keeps each notification as a banner notice through core's own store (as the web channel does). How notifications
 * reach the user through the channels the Worker plugs in is tested in worker/test.
 */
import { env } from 'cloudflare:workers';
import { createLogger } from '@vibecode/schemas/log';
import { openDb } from '../../src/db/client.ts';
import { d1NotificationStore } from '../../src/notify/d1-notification-store.ts';
import type { Notification, Notifier } from '../../src/notify/notification.ts';

export const quiet = createLogger({}, () => undefined);

export function recordingNotifier(): Notifier & { sent: Notification[] } {
  const sent: Notification[] = [];
  return {
    sent,
    notify: async (notification) => {
      sent.push(notification);
    },
    answered: async () => {},
  };
}

/** The notice's title is its kind: rendering titles is the channels' part. */
export function bannerNotifier(): Notifier {
  const store = d1NotificationStore(openDb(env.DB));
  return { notify: (notification) => store.keep(notification, notification.kind), answered: async () => {} };
}
