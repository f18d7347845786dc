/**
 * What core hands the channels at the Worker entry: its notification store, the configured email sender, the web
 * app's origin for links, its users by id, what it knows about a request (who is signed in, whether it is same
 * origin) for a channel's own routes, and what a chat may do to a user's sessions (`SessionControl`). Built per use from the Worker's env; throws `ConfigError` on a misconfigured
 * Worker, which the caller logs or answers (a notifier that cannot be built never stops the caller's own work).
 */

import type { Logger } from '@vibecode/schemas/log';
import { type RequestChecks, requestChecks } from '../auth/request-checks.ts';
import { d1UserDirectory, type UserDirectory } from '../auth/user-directory.ts';
import { parseConfig } from '../config/config.ts';
import { openDb } from '../db/client.ts';
import { createEmailSender } from '../email/create-sender.ts';
import type { EmailSender } from '../email/email-sender.ts';
import { channelSessionControl } from '../sessions/channel-session-control.ts';
import type { SessionControl } from '../sessions/session-control.ts';
import { d1NotificationStore } from './d1-notification-store.ts';
import type { NotificationStore } from './notification-store.ts';

export interface ChannelPorts {
  store: NotificationStore;
  email: EmailSender;
  /** The web app's origin for links in mail; null in local mode without PUBLIC_URL (links are then relative). */
  appUrl: string | null;
  users: UserDirectory;
  requests: RequestChecks;
  sessions: SessionControl;
}

export function channelPorts(env: Env, log: Logger): ChannelPorts {
  const config = parseConfig(env as unknown as Record<string, unknown>);
  const db = openDb(env.DB);
  return {
    store: d1NotificationStore(db),
    email: createEmailSender(config.email, { kv: env.KV, log }),
    appUrl: config.publicUrl,
    users: d1UserDirectory(db),
    requests: requestChecks(db, config.appEnv),
    sessions: channelSessionControl(env, db),
  };
}
