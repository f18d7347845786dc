/**
 * The stand-in's small picture of Telegram: the chats that have talked to the bot, their messages (ids per chat,
 * who sent what, text, markup, topic) and their topics. Chats are learned from the updates delivered to the bot —
 * as on Telegram, a bot can only write to a user who has written to it first.
 */
import type { Chat, ForumTopic, Message, Update, User } from 'grammy/types';
import { badRequest } from './errors.ts';

/** Telegram's six topic icon colours (the only values `createForumTopic` accepts). */
export const TOPIC_ICON_COLORS = [0x6fb9f0, 0xffd67e, 0xcb86db, 0x8eee98, 0xff93b2, 0xfb6f5f] as const;

/** Topics live in a private chat while the bot has topic mode on, and in forum supergroups. */
export function hasTopics(chat: Chat, topicsEnabled: boolean): boolean {
  return (chat.type === 'private' && topicsEnabled) || (chat.type === 'supergroup' && chat.is_forum === true);
}

/** Telegram's chat_instance: an opaque id, the same for every button press and Mini App launch in one chat. */
export const chatInstance = (model: ChatModel, chatId: number) => `${model.bot.id}${chatId}`;

export interface ChatState {
  chat: Chat;
  /** Every message id in this chat so far is below this. */
  nextMessageId: number;
  messages: Map<number, Message>;
  topics: Map<number, ForumTopic>;
  /** Pinned message ids, most recent last. */
  pinned: number[];
}

export class ChatModel {
  readonly chats = new Map<number, ChatState>();
  /** Callback queries delivered to the bot, by id: whether the bot answered yet (each can be answered once). */
  readonly callbackQueries = new Map<string, { answered: boolean }>();

  constructor(readonly bot: User) {}

  reset(): void {
    this.chats.clear();
    this.callbackQueries.clear();
  }

  /** Records what an update tells about chats, messages, topics and callback queries. */
  learn(update: Update): void {
    for (const message of [update.message, update.edited_message, update.channel_post, update.edited_channel_post]) {
      if (message) this.learnMessage(message);
    }
    const query = update.callback_query;
    if (query) {
      this.callbackQueries.set(query.id, { answered: false });
      if (query.message && 'date' in query.message && query.message.date !== 0) {
        this.learnMessage(query.message as Message);
      }
    }
    const member = update.my_chat_member;
    if (member) this.ensureChat(member.chat);
  }

  private ensureChat(chat: Chat): ChatState {
    let state = this.chats.get(chat.id);
    if (!state) {
      state = { chat, nextMessageId: 1, messages: new Map(), topics: new Map(), pinned: [] };
      this.chats.set(chat.id, state);
    }
    return state;
  }

  private learnMessage(message: Message): void {
    const state = this.ensureChat(message.chat);
    state.messages.set(message.message_id, message);
    state.nextMessageId = Math.max(state.nextMessageId, message.message_id + 1);
    const created = message.forum_topic_created;
    const threadId = message.message_thread_id;
    if (created) {
      state.topics.set(message.message_id, {
        message_thread_id: message.message_id,
        name: created.name,
        icon_color: created.icon_color,
        ...(created.icon_custom_emoji_id ? { icon_custom_emoji_id: created.icon_custom_emoji_id } : {}),
      });
    } else if (threadId !== undefined && message.is_topic_message && !state.topics.has(threadId)) {
      state.topics.set(threadId, { message_thread_id: threadId, name: 'Topic', icon_color: TOPIC_ICON_COLORS[0] });
    }
  }

  /** The chat a `chat_id` parameter names (an id, or `@username`), with Telegram's errors when there is none. */
  chat(chatId: string): ChatState {
    const text = chatId.trim();
    if (text === '') throw badRequest('chat_id is empty');
    if (text.startsWith('@')) {
      const name = text.slice(1).toLowerCase();
      for (const state of this.chats.values()) {
        if ('username' in state.chat && state.chat.username?.toLowerCase() === name) return state;
      }
      throw badRequest('chat not found');
    }
    const state = /^-?\d+$/.test(text) ? this.chats.get(Number(text)) : undefined;
    if (!state) throw badRequest('chat not found');
    return state;
  }

  /** A message of the chat, or Telegram's "<what> not found" (`message to edit`, `message to delete`…). */
  message(state: ChatState, messageId: number, what: string): Message {
    const message = messageId > 0 ? state.messages.get(messageId) : undefined;
    if (!message) throw badRequest(`${what} not found`);
    return message;
  }

  /**
   * Checks a `message_thread_id` parameter: 0 means the main chat; anything else must be a live topic of a chat that
   * has topics now (a private chat's topics are gone while the bot's topic mode is off).
   */
  thread(state: ChatState, threadId: number, topicsEnabled: boolean): number {
    if (threadId <= 0) return 0;
    if (!hasTopics(state.chat, topicsEnabled) || !state.topics.has(threadId)) {
      throw badRequest('message thread not found');
    }
    return threadId;
  }

  /** Adds a message the bot sends, with the next id of its chat. */
  addBotMessage(state: ChatState, threadId: number, content: Partial<Message>): Message {
    const message = {
      message_id: state.nextMessageId++,
      from: this.bot,
      chat: state.chat,
      date: Math.floor(Date.now() / 1000),
      ...(threadId > 0 ? { message_thread_id: threadId, is_topic_message: true } : {}),
      ...content,
    } as Message;
    state.messages.set(message.message_id, message);
    return message;
  }
}
