/**
 * What core hands the channels at the Worker entry: its notification store, the configured email sender, the web
 * app's origin for links, its users by id, what it knows about a request (who is signed in, whether it is same
 * origin) for a channel's own routes, what a chat may do to a user's sessions (`SessionControl`), and a web session for
 * a user a Telegram Mini App vouched for (`MiniAppSessions`). Built per use from the Worker's env; throws `ConfigError`
 * on a misconfigured Worker, which the caller logs or answers (a notifier that cannot be built never stops the caller's
 * own work).
 */

import type { Logger } from '@vibecode/schemas/log';
import { type MiniAppSessions, miniAppSessions } from '../auth/miniapp-session.ts';
import { type RequestChecks, requestChecks } from '../auth/request-checks.ts';
import { d1UserDirectory, type UserDirectory } from '../auth/user-directory.ts';
import { parseConfig } from '../config/config.ts';
import { openDb } from '../db/client.ts';
import { createEmailSender } from '../email/create-sender.ts';
import type { EmailSender } from '../email/email-sender.ts';
import { channelFileControl } from '../files/channel-file-control.ts';
import type { FileControl } from '../files/file-control.ts';
import { channelSessionControl } from '../sessions/channel-session-control.ts';
import type { SessionControl } from '../sessions/session-control.ts';
import { channelServerControl } from '../vps/channel-server-control.ts';
import type { ServerControl } from '../vps/server-control.ts';
import { d1NotificationStore } from './d1-notification-store.ts';
import { channelNoticeControl } from './notice-control.ts';
import type { NoticeControl } from './notice-replies.ts';
import type { Notifier } from './notification.ts';
import type { NotificationStore } from './notification-store.ts';

const NO_CHANNELS: Notifier = { notify: async () => {}, answered: async () => {} };

export interface ChannelPorts {
  store: NotificationStore;
  email: EmailSender;
  /** The web app's origin for links in mail; null in local mode without PUBLIC_URL (links are then relative). */
  appUrl: string | null;
  users: UserDirectory;
  requests: RequestChecks;
  sessions: SessionControl;
  /** What a chat may do with a user's session files (upload into its workdir, download), as the web does. */
  files: FileControl;
  /** What a chat may do to a user's VPSs (list, power, SSH keys). */
  servers: ServerControl;
  /** What a chat's buttons under a notice do (Power off, Keep running, Retry), as the web banner's do. */
  notices: NoticeControl;
  /** A web session for a user a Telegram Mini App's launch data vouched for. */
  miniAppSessions: MiniAppSessions;
}

/**
 * `notifier`: the channels to tell when a chat answers a notice (a power off from a chat dismisses the idle notice
 * everywhere). The Worker passes its registry's; without it (the registry's own channels, which never power a VPS)
 * only core's store is updated.
 */
export function channelPorts(env: Env, log: Logger, notifier: () => Notifier = () => NO_CHANNELS): ChannelPorts {
  const config = parseConfig(env as unknown as Record<string, unknown>);
  const db = openDb(env.DB);
  const servers = channelServerControl(db, config, { notifier, log });
  return {
    store: d1NotificationStore(db),
    email: createEmailSender(config.email, { kv: env.KV, log }),
    appUrl: config.publicUrl,
    users: d1UserDirectory(db),
    requests: requestChecks(db, config.appEnv),
    sessions: channelSessionControl(env, db, config.vpsWorkspaceRoot),
    files: channelFileControl(env, db),
    servers,
    notices: channelNoticeControl(env, db, config, servers, { notifier, log }),
    miniAppSessions: miniAppSessions(db, config.appEnv),
  };
}
