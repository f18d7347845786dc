/**
 * The Telegram side of core's `SessionSurfaces`: each session of a linked user gets a forum topic in the bot's
 * private chat, where its screen is shown as one message, edited in place until the user writes below it, then
 * posted anew. Where topics fail (getMe says `has_topics_enabled` false, or creating one fails) the session is
 * shown as one pinned message in the chat itself instead, always edited, and replies to it are its input. The screen
 * message carries the session's "Open terminal" Mini App button (`miniapp/entry-points.ts`) when the app has a public
 * URL. An agent that wants its person gets one message there (`attention-surface.ts`). Calls go through `@grammyjs/auto-retry` with short waits only (the hub
 * calls this from its alarm): a longer 429 comes back as `retry` with Telegram's `retry_after`, a 5xx or a network
 * failure as `retry` after `TRANSIENT_RETRY_MS` (`bot-api-errors.ts`), a deleted topic or a blocked bot as `gone`.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import type {
  BoundSession,
  Logger,
  RenderOutcome,
  SessionSummary,
  SessionSurfaces,
  SurfaceBinding,
} from '@vibecode/core/ports';
import { Api, GrammyError, HttpError } from 'grammy';
import { topicsEnabled } from '../bot-info.ts';
import type { TelegramConfig } from '../config.ts';
import type { AttentionStore } from '../db/attention-store.ts';
import type { LinkStore } from '../db/link-store.ts';
import type { TelegramTopic, TopicStore } from '../db/topic-store.ts';
import { miniAppBase, openTerminalMarkup } from '../miniapp/entry-points.ts';
import { replies } from '../replies.ts';
import { attentionSurface } from './attention-surface.ts';
import { failureOutcome, isMessageMissing, isNotModified, isTopicNotModified, retryAfterMs } from './bot-api-errors.ts';
import { decodeConversation, encodeConversation } from './conversation.ts';
import { escapeHtml, MAX_MESSAGE_CHARS, screenHtml, screenTail } from './screen-text.ts';
import { endedTopicName, topicName } from './topic-names.ts';

export const CHANNEL = 'telegram';
/** One call, short waits included; the hub's alarm should not hang on Telegram. */
const API_TIMEOUT_SECONDS = 10;
/** A 429 asking for longer than this is handed back to the hub as `retry`. */
const MAX_WAIT_SECONDS = 3;

export type TelegramSurface = SessionSurfaces & { name: typeof CHANNEL };

export type SurfaceDeps = {
  /** Null while the bot is not configured: no topics are made and existing bindings are gone. */
  config: TelegramConfig | null;
  links: LinkStore;
  topics: TopicStore;
  /** The attention items told in topics (`attention-surface.ts`). */
  attention: AttentionStore;
  log: Logger;
  now: () => number;
  /** The web app's public origin (core's `PUBLIC_URL`) the "Open terminal" buttons open; null: no buttons. */
  appUrl: string | null;
};

export function surfaceApi(config: TelegramConfig): Api {
  const api = new Api(config.token, { apiRoot: config.apiRoot, timeoutSeconds: API_TIMEOUT_SECONDS });
  api.config.use(
    autoRetry({
      maxRetryAttempts: 1,
      maxDelaySeconds: MAX_WAIT_SECONDS,
      rethrowInternalServerErrors: true,
      rethrowHttpErrors: true,
    }),
  );
  return api;
}

const isTelegramFailure = (error: unknown) => error instanceof GrammyError || error instanceof HttpError;

/** The bot is not configured: no topics are made, and the ones made before are out of reach. */
const offSurface: TelegramSurface = {
  name: CHANNEL,
  opened: async () => [],
  render: async () => ({ kind: 'gone' }),
  quiet: async () => {},
  attention: async () => ({ kind: 'gone' }),
  attentionCleared: async () => {},
  ended: async () => {},
};

export function telegramSurface(deps: SurfaceDeps): TelegramSurface {
  const { config, links, topics, log, now } = deps;
  if (config === null) return offSurface;
  const api = surfaceApi(config);
  /** The screen message's keyboard: its session's "Open terminal" button. */
  const markupOf = (sessionId: string) => openTerminalMarkup(miniAppBase(deps.appUrl, log), sessionId);

  /** The topic the binding names, when it is this session's. */
  const topicOf = async (bound: BoundSession): Promise<TelegramTopic | null> => {
    const address = decodeConversation(bound.binding.conversation);
    const topic = address === null ? null : await topics.topic(address.chatId, address.threadId);
    const modeMatches = topic?.mode === (address?.pinned ? 'pinned' : 'topic');
    return modeMatches && topic?.sessionId === bound.session.sessionId ? topic : null;
  };

  /** An unlinked user's chat (or one linked to another account since) gets nothing more from their sessions. */
  const stillLinked = async (topic: TelegramTopic) => (await links.linkOfUser(topic.userId))?.chatId === topic.chatId;

  /** The bound session's open topic, while its user is still linked to that chat; null when the binding is gone. */
  const openTopic = async (bound: BoundSession): Promise<TelegramTopic | null> => {
    const topic = await topicOf(bound);
    return topic?.state === 'open' && (await stillLinked(topic)) ? topic : null;
  };

  /** For a notice: a Telegram failure is logged, never the hub's problem. */
  const notify = async (what: string, bound: BoundSession, send: () => Promise<unknown>) => {
    try {
      await send();
    } catch (error) {
      if (!isTelegramFailure(error)) throw error;
      log.warn(`telegram topic ${what} failed`, { session_id: bound.session.sessionId, error: String(error) });
    }
  };

  /** Where a topic's messages go: its thread, or (pinned) the chat itself as replies to the session's message. */
  const placeOf = (topic: TelegramTopic) =>
    topic.mode === 'pinned'
      ? { reply_parameters: { message_id: topic.threadId, allow_sending_without_reply: true } }
      : { message_thread_id: topic.threadId };

  const post = async (topic: TelegramTopic, html: string) =>
    (
      await api.sendMessage(topic.chatId, html, {
        ...placeOf(topic),
        parse_mode: 'HTML',
        reply_markup: markupOf(topic.sessionId),
        // The screen changes all the time; only the quiet and ended notices should ring.
        disable_notification: true,
      })
    ).message_id;

  /** A pinned session's screen carries its name: the chat holds every session's. */
  const pinnedHtml = (topic: TelegramTopic, text: string) =>
    `${replies.topic.pinnedHeader(escapeHtml(topic.title))}\n${screenHtml(text, replies.topic.blank)}`;

  /**
   * The topics-off fallback: the session's screen as one message in the chat itself, pinned, its id the row's key;
   * the user hears why once per chat.
   */
  const pinnedSession = async (chatId: number, session: SessionSummary, title: string): Promise<SurfaceBinding[]> => {
    const firstInChat = !(await topics.hasPinned(chatId));
    const html = `${replies.topic.pinnedHeader(escapeHtml(title))}\n${screenHtml('', replies.topic.blank)}`;
    const messageId = (
      await api.sendMessage(chatId, html, {
        parse_mode: 'HTML',
        disable_notification: true,
        reply_markup: markupOf(session.sessionId),
      })
    ).message_id;
    const row = { chatId, userId: session.userId, sessionId: session.sessionId, title, createdAt: now() };
    await topics.create({ ...row, threadId: messageId, mode: 'pinned', screenMessageId: messageId });
    try {
      await api.pinChatMessage(chatId, messageId, { disable_notification: true });
    } catch (error) {
      // Unpinned it still works: replies to it reach the session.
      if (!isTelegramFailure(error)) throw error;
      log.warn('telegram screen message not pinned', { session_id: session.sessionId, error: String(error) });
    }
    if (firstInChat) await api.sendMessage(chatId, replies.topic.pinnedFallback);
    const address = { chatId, threadId: messageId, pinned: true };
    return [{ channel: CHANNEL, conversation: encodeConversation(address) }];
  };

  return {
    name: CHANNEL,
    ...attentionSurface({ api, attention: deps.attention, log, now, openTopic, placeOf }),

    async opened(session) {
      const link = await links.linkOfUser(session.userId);
      if (link === null) return [];
      const title = topicName(session.vpsName, session.title);
      if (!(await topicsEnabled(config))) return pinnedSession(link.chatId, session, title);
      let threadId: number;
      try {
        threadId = (await api.createForumTopic(link.chatId, title)).message_thread_id;
      } catch (error) {
        // Topics in private chats have broken before (400s after API changes): the session is shown all the same.
        if (!isTelegramFailure(error) || retryAfterMs(error) !== null) throw error;
        log.warn('telegram topic not created: pinned message instead', {
          session_id: session.sessionId,
          error: String(error),
        });
        return pinnedSession(link.chatId, session, title);
      }
      await topics.create({
        chatId: link.chatId,
        threadId,
        userId: session.userId,
        sessionId: session.sessionId,
        title,
        createdAt: now(),
      });
      return [{ channel: CHANNEL, conversation: encodeConversation({ chatId: link.chatId, threadId, pinned: false }) }];
    },

    async render(bound, screen, { fresh }): Promise<RenderOutcome> {
      const topic = await openTopic(bound);
      if (topic === null) return { kind: 'gone' };
      const pinned = topic.mode === 'pinned';
      const text = screenTail(screen.text, pinned ? MAX_MESSAGE_CHARS - topic.title.length - 1 : MAX_MESSAGE_CHARS);
      const { screenMessageId } = topic;
      if (!fresh && screenMessageId !== null && topic.screenText === text) return { kind: 'shown' };
      const html = pinned ? pinnedHtml(topic, text) : screenHtml(text, replies.topic.blank);
      // A pinned screen stays the one message the session's replies answer: always edited, never posted anew.
      const userWroteBelow = !pinned && screenMessageId !== null && (topic.lastUserMessageId ?? 0) > screenMessageId;
      const postAnew = fresh && !pinned;
      try {
        let messageId: number | null = null;
        if (!postAnew && screenMessageId !== null && !userWroteBelow) {
          try {
            // An edit without reply_markup would take the button away.
            await api.editMessageText(topic.chatId, screenMessageId, html, {
              parse_mode: 'HTML',
              reply_markup: markupOf(topic.sessionId),
            });
            messageId = screenMessageId;
          } catch (error) {
            if (isNotModified(error)) messageId = screenMessageId;
            else if (!isMessageMissing(error)) throw error;
          }
        }
        // A pinned session whose message was deleted has nowhere left to show: its replies had one address.
        if (messageId === null && pinned) return { kind: 'gone' };
        messageId ??= await post(topic, html);
        await topics.shown(topic.chatId, topic.threadId, messageId, text);
        return { kind: 'shown' };
      } catch (error) {
        const outcome = failureOutcome(error);
        if (outcome === null) throw error;
        return outcome;
      }
    },

    async quiet(bound) {
      const topic = await openTopic(bound);
      if (topic === null) return;
      await notify('quiet notice', bound, () => api.sendMessage(topic.chatId, replies.topic.quiet, placeOf(topic)));
    },

    async ended(bound, reason) {
      const topic = await topicOf(bound);
      if (topic === null || topic.state === 'ended') return;
      // Ended here first: input is refused from now on even when Telegram cannot be told (or the user unlinked).
      await topics.ended(topic.chatId, topic.threadId);
      if (!(await stillLinked(topic))) return;
      if (topic.mode === 'pinned') {
        await notify('unpin', bound, () => api.unpinChatMessage(topic.chatId, topic.threadId));
      } else {
        await notify('rename', bound, async () => {
          try {
            await api.editForumTopic(topic.chatId, topic.threadId, { name: endedTopicName(topic.title) });
          } catch (error) {
            if (!isTopicNotModified(error)) throw error;
          }
        });
      }
      await notify('ended notice', bound, () =>
        api.sendMessage(topic.chatId, replies.topic.ended(reason), placeOf(topic)),
      );
    },
  };
}
