/**
 * What the user does in a session's topic (after `linking`, so `ctx.link` is set). A message in a topic of the
 * linked user's that is a row of theirs (`telegram_topics`) is for that session, and so is a reply to the pinned
 * screen message of a session shown without a topic (the topics-off fallback):
 *   - text → the session's input, followed by Enter; any `/word` the bot does not own goes too (a program's own
 *     slash commands, `/compact`);
 *   - `/key <name>` → that key's bytes (`keys.ts`), an unknown name → the list;
 *   - `/screen` → the screen again, as a new message;
 *   - `/end` → asks with buttons; "End session" ends it;
 *   - a document or a photo → the session's workdir, `/get <path>` → the file back (`files/topic-files.ts`);
 *   - in a topic whose session ended → a reply saying so, and nothing reaches the session.
 * A refusal from core (`ControlError`) is answered with its message. Anything else passes on.
 */
import type { ControlResult, SessionControl } from '@vibecode/core/ports';
import { Composer, InlineKeyboard, type Transformer } from 'grammy';
import type { TelegramTopic, TopicStore } from '../db/topic-store.ts';
import { type FileDeps, topicFiles } from '../files/topic-files.ts';
import type { LinkedContext } from '../linking.ts';
import { replies } from '../replies.ts';
import { KEY_NAMES, keyBytes } from './keys.ts';

export type TopicDeps = { topics: TopicStore; sessions: SessionControl } & FileDeps;

/** Callback data of the /end question's buttons. */
export const END_CONFIRM = 'topic:end';
export const END_CANCEL = 'topic:keep';

type TopicContext = LinkedContext & { topic: TelegramTopic };

/** Tells the user what core refused; a success shows on the screen itself. */
async function answer(ctx: TopicContext, result: ControlResult<null>): Promise<void> {
  if (!result.ok) await ctx.reply(result.error.message);
}

/**
 * For a pinned session (no topic to answer in): every message this update's handlers send goes out as a reply to the
 * session's screen message, so the chat shows which session it is about and a button under it finds its session.
 * Installed on the update's own `ctx.api`, so no other update's calls are touched.
 */
function replyingTo(messageId: number): Transformer {
  return (prev, method, payload, signal) => {
    if (!method.startsWith('send') || payload === undefined || 'reply_parameters' in payload) {
      return prev(method, payload, signal);
    }
    const reply_parameters = { message_id: messageId, allow_sending_without_reply: true };
    return prev(method, { ...payload, reply_parameters } as typeof payload, signal);
  };
}

export function topicHandlers(deps: TopicDeps): Composer<LinkedContext> {
  const { topics, sessions } = deps;

  /**
   * The linked user's session this update is for, or null when it is not one of theirs: by the topic it happened in,
   * or (the topics-off fallback) by the pinned screen message it replies to. For a button, its message tells.
   */
  const topicOfUpdate = async (ctx: LinkedContext): Promise<TelegramTopic | null> => {
    const message = ctx.msg;
    if (ctx.chat?.type !== 'private' || message === undefined) return null;
    let topic: TelegramTopic | null = null;
    if (message.is_topic_message && message.message_thread_id !== undefined) {
      topic = await topics.topic(ctx.chat.id, message.message_thread_id);
    } else if (message.reply_to_message !== undefined) {
      topic = await topics.pinnedFor(ctx.chat.id, message.reply_to_message.message_id);
    }
    return topic?.userId === ctx.link.userId ? topic : null;
  };

  const inTopic = new Composer<TopicContext>();

  inTopic.use(async (ctx, next) => {
    if (ctx.topic.state === 'open') return next();
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: replies.topic.refused, show_alert: true });
    else if (ctx.message) await ctx.reply(replies.topic.refused);
  });

  // Noted before the session hears of it, so the screen its answer brings is posted below the user's message.
  inTopic.on('message', async (ctx, next) => {
    await topics.userWrote(ctx.topic.chatId, ctx.topic.threadId, ctx.message.message_id);
    await next();
  });

  inTopic.command('key', async (ctx) => {
    const bytes = keyBytes(ctx.match);
    if (bytes === null) await ctx.reply(replies.topic.keys(KEY_NAMES));
    else await answer(ctx, await sessions.input(ctx.link.userId, ctx.topic.sessionId, bytes));
  });

  inTopic.command('screen', async (ctx) => {
    await answer(ctx, await sessions.redraw(ctx.link.userId, ctx.topic.sessionId));
  });

  inTopic.command('end', async (ctx) => {
    const buttons = new InlineKeyboard().text(replies.topic.endYes, END_CONFIRM).text(replies.topic.endNo, END_CANCEL);
    await ctx.reply(replies.topic.endAsk, { reply_markup: buttons });
  });

  // A document or photo, and /get, before text: /get is the bot's, not the session's.
  inTopic.use(topicFiles(deps));

  inTopic.on('message:text', async (ctx) => {
    await answer(ctx, await sessions.input(ctx.link.userId, ctx.topic.sessionId, `${ctx.message.text}\r`));
  });

  inTopic.callbackQuery(END_CONFIRM, async (ctx) => {
    const result = await sessions.end(ctx.link.userId, ctx.topic.sessionId);
    if (!result.ok) {
      await ctx.answerCallbackQuery({ text: result.error.message, show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(replies.topic.ending);
  });

  inTopic.callbackQuery(END_CANCEL, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(replies.topic.kept);
  });

  const inTopicMiddleware = inTopic.middleware();
  const composer = new Composer<LinkedContext>();
  composer.use(async (ctx, next) => {
    const topic = await topicOfUpdate(ctx);
    if (topic === null) return next();
    if (topic.mode === 'pinned') ctx.api.config.use(replyingTo(topic.threadId));
    await inTopicMiddleware(Object.assign(ctx, { topic }), next);
  });
  return composer;
}
