/**
 * The bot and its session surface against the Bot API stand-in (`@vibecode/fakes/telegram`): a real grammY bot
 * behind `webhookCallback` on a local server the stand-in delivers to, over the in-memory stores
 * (`src/test-doubles/`) and a recording `SessionControl`. A linked user, Ada, has started the chat.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerSummary, SessionSummary } from '@vibecode/core/ports';
import { type FakeTelegram, startFakeTelegram } from '@vibecode/fakes/telegram';
import { createLogger } from '@vibecode/schemas/log';
import { Api, webhookCallback } from 'grammy';
import type { Message, Update } from 'grammy/types';
import { afterEach } from 'vitest';
import { createBot } from '../../src/bot.ts';
import { botInfo } from '../../src/bot-info.ts';
import type { TelegramConfig } from '../../src/config.ts';
import { telegramNoticeChannel } from '../../src/notices/channel.ts';
import {
  memoryAttentionStore,
  memoryConversationStore,
  memoryLinkStore,
  memoryNoticeStore,
  memoryTopicStore,
} from '../../src/test-doubles/memory-stores.ts';
import {
  recordingFiles,
  recordingNotices,
  recordingServers,
  recordingSessions,
} from '../../src/test-doubles/recording-controls.ts';
import { telegramSurface } from '../../src/topics/surface.ts';

export const USER = { id: 4242, is_bot: false, first_name: 'Ada', username: 'ada' } as const;
export const USER_ID = 'user-ada';
export const APP_URL = 'https://vibecode.example';
const TOKEN = '123456:test-token_ABC';
const SECRET = 'hook-secret';

export const session = (sessionId = 'sess-1', title = 'claude'): SessionSummary => ({
  userId: USER_ID,
  vpsId: 'vps-1',
  vpsName: 'api',
  sessionId,
  sessionNumber: 1,
  title,
  agentType: 'claude',
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/**
 * `servers`: Ada's servers, as core's `ServerControl` lists them (none unless given); `appUrl`: core's PUBLIC_URL,
 * which the Mini App buttons open (`APP_URL` unless given; null for none).
 */
export async function harness(
  options: { topicsEnabled?: boolean; servers?: ServerSummary[]; appUrl?: string | null } = {},
) {
  const appUrl = options.appUrl === undefined ? APP_URL : options.appUrl;
  const fake: FakeTelegram = await startFakeTelegram({ token: TOKEN });
  cleanups.push(() => fake.close());
  if (options.topicsEnabled === false) fake.switches.set({ topicsEnabled: false });
  const config: TelegramConfig = {
    token: TOKEN,
    webhookSecret: SECRET,
    botUsername: null,
    apiRoot: fake.url,
    miniAppAuthMaxAgeSeconds: 3600,
  };

  const links = memoryLinkStore();
  links.links.set(USER.id, { telegramUserId: USER.id, userId: USER_ID, chatId: USER.id, username: 'ada', linkedAt: 1 });
  const topics = memoryTopicStore();
  const sessions = recordingSessions();
  const files = recordingFiles();
  const servers = recordingServers(USER_ID, options.servers ?? []);
  const conversations = memoryConversationStore();
  const warnings: string[] = [];
  const log = createLogger({}, (line) => {
    const entry = JSON.parse(line) as { level: string; msg: string };
    if (entry.level === 'warn') warnings.push(entry.msg);
  });
  const noticeMessages = memoryNoticeStore();
  const noticeChannel = telegramNoticeChannel({
    api: new Api(TOKEN, { apiRoot: fake.url }),
    links,
    notices: noticeMessages,
    appUrl,
    log,
    now: () => 1_000,
  });
  // Core tells every channel of an answer, the chat's own included: so does this stand-in for core.
  const notices = recordingNotices((answered) => noticeChannel.answered?.(answered) ?? Promise.resolve());
  const attentionMessages = memoryAttentionStore();
  const surface = telegramSurface({
    config,
    links,
    topics,
    attention: attentionMessages,
    log,
    now: () => 1_000,
    appUrl,
  });

  const bot = createBot(config, await botInfo(config), {
    store: links,
    users: { emailOf: async () => 'ada@example.com' },
    topics,
    sessions,
    files,
    notices,
    noticeMessages,
    attentionMessages,
    servers,
    conversations,
    now: () => 1_000,
    appUrl,
    log,
  });
  const handler = webhookCallback(bot, 'http', { secretToken: SECRET });
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((ok) => server.close(() => ok()));
  });
  const hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;
  await bot.api.setWebhook(hook, { secret_token: SECRET });

  let messageId = 0;
  /** The chat's next message id: one above every id so far, the bot's included, as in a real chat. */
  const nextMessageId = () => {
    for (const call of fake.calls()) {
      const result = call.result as { message_id?: unknown; message_thread_id?: unknown } | null;
      for (const id of [result?.message_id, result?.message_thread_id]) {
        if (typeof id === 'number') messageId = Math.max(messageId, id);
      }
    }
    messageId += 1;
    return messageId;
  };
  const chat = { id: USER.id, type: 'private', first_name: USER.first_name, username: USER.username } as const;
  /** Ada writes; in a topic when `threadId` is given, as a reply to `replyTo` (one of the chat's messages) when given. */
  const write = async (text: string, threadId?: number, replyTo?: Message) => {
    nextMessageId();
    const message = {
      message_id: messageId,
      from: USER,
      chat,
      date: Math.floor(Date.now() / 1000),
      text,
      ...(threadId === undefined ? {} : { message_thread_id: threadId, is_topic_message: true }),
      ...(replyTo === undefined ? {} : { reply_to_message: replyTo }),
    };
    const delivery = await fake.deliver({ message } as Omit<Update, 'update_id'>);
    if (delivery.status !== 200) throw new Error(`the bot answered the webhook with ${delivery.status}`);
    return messageId;
  };
  /** Ada presses an inline button under one of the bot's messages. */
  const press = async (message: Message, data: string) => {
    const delivery = await fake.deliver({
      callback_query: { id: `cb-${message.message_id}-${data}`, from: USER, chat_instance: 'ci', message, data },
    } as Omit<Update, 'update_id'>);
    if (delivery.status !== 200) throw new Error(`the bot answered the webhook with ${delivery.status}`);
  };

  // A user must write to a bot before it can write back.
  await write('/start');

  /** The Bot API calls made since `from` (an index into the stand-in's log), without the webhook's own. */
  const callsSince = (from: number) => fake.calls().slice(from);
  /** What the bot sent (sendMessage) since `from`: its text and thread. */
  const sentSince = (from: number) =>
    callsSince(from)
      .filter((c) => c.method === 'sendMessage')
      .map((c) => c.result as Message);

  return {
    fake,
    config,
    links,
    topics,
    sessions,
    files,
    servers,
    conversations,
    notices,
    noticeMessages,
    noticeChannel,
    attentionMessages,
    surface,
    warnings,
    write,
    press,
    callsSince,
    sentSince,
  };
}
