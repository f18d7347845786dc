/**
 * The bot's topic per session (`telegram_topics`), keyed by the chat and the topic's thread (in `pinned` mode, the
 * topics-off fallback, by the pinned screen message). The surface writes it as
 * it shows the session (`topics/surface.ts`); the bot's topic handlers read it to find the session a message is for
 * (`topics/topic-handlers.ts`) and note the user's newest message there.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { TelegramDb } from './client.ts';
import { telegramTopics } from './schema.ts';

export type TelegramTopic = typeof telegramTopics.$inferSelect;

export type NewTopic = Pick<TelegramTopic, 'chatId' | 'threadId' | 'userId' | 'sessionId' | 'title' | 'createdAt'> &
  Partial<Pick<TelegramTopic, 'mode' | 'screenMessageId'>>;

export interface TopicStore {
  /** Stores a topic just created for a session, `open`, nothing shown yet. */
  create(topic: NewTopic): Promise<void>;
  topic(chatId: number, threadId: number): Promise<TelegramTopic | null>;
  /** The `pinned` row whose screen message is `messageId` (the one a reply in the chat itself answers). */
  pinnedFor(chatId: number, messageId: number): Promise<TelegramTopic | null>;
  /** Whether the chat has had a pinned session before (the user was told about the fallback then). */
  hasPinned(chatId: number): Promise<boolean>;
  /** The screen message now showing `text`. */
  shown(chatId: number, threadId: number, screenMessageId: number, text: string): Promise<void>;
  /** The user wrote `messageId` in the topic; an older id (a late retry) leaves the newest in place. */
  userWrote(chatId: number, threadId: number, messageId: number): Promise<void>;
  ended(chatId: number, threadId: number): Promise<void>;
}

export function d1TopicStore(db: TelegramDb): TopicStore {
  const t = telegramTopics;
  const key = (chatId: number, threadId: number) => and(eq(t.chatId, chatId), eq(t.threadId, threadId));
  return {
    async create(topic) {
      await db.insert(t).values({ ...topic, state: 'open' });
    },

    async topic(chatId, threadId) {
      return (await db.select().from(t).where(key(chatId, threadId)).limit(1))[0] ?? null;
    },

    async pinnedFor(chatId, messageId) {
      const where = and(eq(t.chatId, chatId), eq(t.mode, 'pinned'), eq(t.screenMessageId, messageId));
      return (await db.select().from(t).where(where).limit(1))[0] ?? null;
    },

    async hasPinned(chatId) {
      const rows = await db
        .select({ chatId: t.chatId })
        .from(t)
        .where(and(eq(t.chatId, chatId), eq(t.mode, 'pinned')))
        .limit(1);
      return rows.length > 0;
    },

    async shown(chatId, threadId, screenMessageId, text) {
      await db.update(t).set({ screenMessageId, screenText: text }).where(key(chatId, threadId));
    },

    async userWrote(chatId, threadId, messageId) {
      await db
        .update(t)
        .set({ lastUserMessageId: sql`max(coalesce(${t.lastUserMessageId}, 0), ${messageId})` })
        .where(key(chatId, threadId));
    },

    async ended(chatId, threadId) {
      await db.update(t).set({ state: 'ended' }).where(key(chatId, threadId));
    },
  };
}
