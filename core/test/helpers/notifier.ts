/** The Worker's notification channels as the tests drive them: the web banner's rows and the dev outbox, no logs. */
import { env } from 'cloudflare:workers';
import { channelRegistry, webEmailChannel } from '@vibecode/channels';
import { createLogger } from '@vibecode/schemas/log';
import { openDb } from '../../src/db/client.ts';
import { createOutboxSender } from '../../src/email/outbox-sender.ts';
import { d1NotificationStore } from '../../src/notify/d1-notification-store.ts';

export const quiet = createLogger({}, () => undefined);

export const testNotifier = () =>
  channelRegistry(
    [
      webEmailChannel({
        store: d1NotificationStore(openDb(env.DB)),
        email: createOutboxSender(env.KV, quiet),
        appUrl: 'http://localhost',
      }),
    ],
    quiet,
  );
