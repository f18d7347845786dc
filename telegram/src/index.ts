/**
 * `@vibecode/telegram`: the grammY bot on the Worker. The Worker entry builds it once with core's ports and hands it
 * its paths (`isTelegramPath`) and the `TELEGRAM_UPDATES` Queue's batches:
 *   - `fetch`: the webhook and the link API (`routes.ts`);
 *   - `queue`: the consumer that runs each update once (`update-queue.ts`);
 * and the hub its sessions' Telegram surface (`telegramSurface`).
 */
import type { Channel } from '@vibecode/channels';
import type { Logger } from '@vibecode/core/ports';
import { createLogger } from '@vibecode/schemas/log';
import { telegramSettings } from './config.ts';
import { d1AttentionStore } from './db/attention-store.ts';
import { openTelegramDb } from './db/client.ts';
import { d1ConversationStore } from './db/conversation-store.ts';
import { d1LinkStore } from './db/link-store.ts';
import { d1NoticeStore } from './db/notice-store.ts';
import { d1TopicStore } from './db/topic-store.ts';
import { d1UpdateClaims } from './db/update-claims.ts';
import type { TelegramBindings } from './env.ts';
import { telegramNoticeChannel } from './notices/channel.ts';
import type { TelegramPorts } from './ports.ts';
import { telegramApp } from './routes.ts';
import { surfaceApi, telegramSurface as surfaceOf, type TelegramSurface } from './topics/surface.ts';
import { consumeUpdates } from './update-queue.ts';

export type { TelegramBindings } from './env.ts';
export type { TelegramPorts } from './ports.ts';
export { isTelegramPath } from './routes.ts';
export type { TelegramSurface } from './topics/surface.ts';

/**
 * The bot's side of core's `SessionSurfaces` for the Worker's hub: a topic per session in each linked user's private
 * chat (`topics/surface.ts`). With the bot not configured it makes no topics and reports old bindings gone. `appUrl`
 * is core's (`ChannelPorts.appUrl`): the screen messages' "Open terminal" buttons open the Mini App under it.
 */
export function telegramSurface(env: TelegramBindings, log: Logger, appUrl: string | null): TelegramSurface {
  const settings = telegramSettings(env);
  const db = openTelegramDb(env.DB);
  return surfaceOf({
    config: settings.status === 'ready' ? settings.config : null,
    links: d1LinkStore(db),
    topics: d1TopicStore(db),
    attention: d1AttentionStore(db),
    log,
    now: Date.now,
    appUrl,
  });
}

/**
 * The bot's `Channel` for the Worker's notifier registry: notices in each linked user's private chat, with their
 * actions as buttons (`notices/channel.ts`). `appUrl` is core's (`ChannelPorts.appUrl`). With the bot not configured
 * nobody is linked.
 */
export function telegramChannel(env: TelegramBindings, log: Logger, appUrl: string | null): Channel {
  const settings = telegramSettings(env);
  const db = openTelegramDb(env.DB);
  return telegramNoticeChannel({
    api: settings.status === 'ready' ? surfaceApi(settings.config) : null,
    links: d1LinkStore(db),
    notices: d1NoticeStore(db),
    appUrl,
    log,
    now: Date.now,
  });
}

export function createTelegram<E extends TelegramBindings>(deps: { ports: (env: E, log: Logger) => TelegramPorts }) {
  const app = telegramApp<E>({
    ports: deps.ports,
    timingSafeEqual: (a, b) => crypto.subtle.timingSafeEqual(a, b),
  });
  return {
    fetch: (request: Request, env: E, ctx: ExecutionContext) => app.fetch(request, env, ctx),
    queue: async (batch: MessageBatch<unknown>, env: E) => {
      const log = createLogger({ component: 'telegram-queue' });
      const db = openTelegramDb(env.DB);
      await consumeUpdates(batch, {
        settings: telegramSettings(env),
        claims: d1UpdateClaims(db),
        store: d1LinkStore(db),
        topics: d1TopicStore(db),
        noticeMessages: d1NoticeStore(db),
        attentionMessages: d1AttentionStore(db),
        conversations: d1ConversationStore(db, Date.now),
        ports: () => deps.ports(env, log),
        log,
        now: Date.now,
        random: Math.random,
      });
    },
  };
}
