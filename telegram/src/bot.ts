/**
 * The grammY bot, built per Queue batch around the Bot API settings and the bot's cached `getMe` (`bot-info.ts`).
 * Every API call goes through `@grammyjs/auto-retry`: a 429 waits its `retry_after` (when ≤ 30 s) and a 5xx backs
 * off, at most 3 times; a network failure and a longer wait fail the update instead, and the Queue retries it later
 * (`update-queue.ts`), so no Worker invocation sleeps for long.
 */
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { apiRetry } from './api-retry.ts';
import { type ChatDeps, chatCommands } from './chat/chat-commands.ts';
import type { TelegramConfig } from './config.ts';
import { type LinkedContext, type LinkingDeps, linking } from './linking.ts';
import { type NoticeDeps, noticeHandlers } from './notices/notice-handlers.ts';
import { replies } from './replies.ts';
import { type AttentionDeps, attentionHandlers } from './topics/attention-handlers.ts';
import { type TopicDeps, topicHandlers } from './topics/topic-handlers.ts';

export type BotDeps = LinkingDeps & TopicDeps & NoticeDeps & ChatDeps & AttentionDeps;

/** One Bot API call, waits included, never holds the consumer longer than this. */
const API_TIMEOUT_SECONDS = 30;

export function createBot(config: TelegramConfig, me: UserFromGetMe, deps: BotDeps): Bot<LinkedContext> {
  const bot = new Bot<LinkedContext>(config.token, {
    botInfo: me,
    client: { apiRoot: config.apiRoot, timeoutSeconds: API_TIMEOUT_SECONDS },
  });
  bot.api.config.use(apiRetry());
  bot.use(linking(deps));
  // Before the topic's handlers: an item's buttons answer in an ended topic too (core says the session is gone).
  bot.use(attentionHandlers(deps));
  bot.use(topicHandlers(deps));
  bot.use(noticeHandlers(deps));
  bot.use(chatCommands(deps));
  // A linked user's message nothing above answered.
  bot.chatType('private').on('message', (ctx) => ctx.reply(replies.unknown));
  // A button of a question no conversation waits for any more (answered, timed out, left).
  bot.chatType('private').on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: replies.chat.expired }));
  return bot;
}
