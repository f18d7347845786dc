/**
 * The grammY bot, built per Queue batch around the Bot API settings and the bot's cached `getMe` (`bot-info.ts`).
 * Every API call goes through `@grammyjs/auto-retry`: a 429 waits its `retry_after` (when ≤ 30 s) and a 5xx backs
 * off, at most 3 times; a network failure and a longer wait fail the update instead, and the Queue retries it later
 * (`update-queue.ts`), so no Worker invocation sleeps for long.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { TelegramConfig } from './config.ts';
import { type LinkedContext, type LinkingDeps, linking } from './linking.ts';
import { replies } from './replies.ts';
import { type TopicDeps, topicHandlers } from './topics/topic-handlers.ts';

export type BotDeps = LinkingDeps & TopicDeps;

/** One Bot API call, waits included, never holds the consumer longer than this. */
const API_TIMEOUT_SECONDS = 30;

export function createBot(config: TelegramConfig, me: UserFromGetMe, deps: BotDeps): Bot<LinkedContext> {
  const bot = new Bot<LinkedContext>(config.token, {
    botInfo: me,
    client: { apiRoot: config.apiRoot, timeoutSeconds: API_TIMEOUT_SECONDS },
  });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true }));
  bot.use(linking(deps));
  bot.use(topicHandlers(deps));
  // A linked user's message nothing above answered.
  bot.chatType('private').on('message', (ctx) => ctx.reply(replies.unknown));
  return bot;
}
