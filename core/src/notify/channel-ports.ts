/**
 * What core hands the notification channels at the Worker entry: its notification store, the configured email
 * sender and the web app's origin for links. Built per use from the Worker's env; throws `ConfigError` on a
 * misconfigured Worker, which the caller logs (a notifier that cannot be built never stops the caller's own work).
 */

import type { Logger } from '@vibecode/schemas/log';
import { parseConfig } from '../config/config.ts';
import { openDb } from '../db/client.ts';
import { createEmailSender } from '../email/create-sender.ts';
import type { EmailSender } from '../email/email-sender.ts';
import { d1NotificationStore } from './d1-notification-store.ts';
import type { NotificationStore } from './notification-store.ts';

export interface ChannelPorts {
  store: NotificationStore;
  email: EmailSender;
  /** The web app's origin for links in mail; null in local mode without PUBLIC_URL (links are then relative). */
  appUrl: string | null;
}

export function channelPorts(env: Env, log: Logger): ChannelPorts {
  const config = parseConfig(env as unknown as Record<string, unknown>);
  return {
    store: d1NotificationStore(openDb(env.DB)),
    email: createEmailSender(config.email, { kv: env.KV, log }),
    appUrl: config.publicUrl,
  };
}
