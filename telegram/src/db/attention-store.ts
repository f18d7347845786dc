/**
 * The bot's message per attention item (`telegram_attention`): opened when the surface tells an item (replacing the
 * session's older one, whose buttons then read as no longer open), read when the user presses one of its buttons,
 * and claimed (removed) by whoever settles it, so an answer in the chat and one elsewhere edit it once. A button
 * whose answer core refused for a passing reason (the gateway offline) puts its row back.
 */
import { eq } from 'drizzle-orm';
import type { TelegramDb } from './client.ts';
import { telegramAttention } from './schema.ts';

export type AttentionMessage = typeof telegramAttention.$inferSelect;
export type NewAttention = Omit<AttentionMessage, 'id' | 'messageId'>;

export interface AttentionStore {
  /** The session's new item, its message not posted yet: the id its buttons carry. */
  open(item: NewAttention): Promise<number>;
  /** Item `id`'s message was posted as `messageId`. */
  posted(id: number, messageId: number): Promise<void>;
  message(id: number): Promise<AttentionMessage | null>;
  /** Removes item `id` and answers it, or null when it is not (or no longer) there. */
  claim(id: number): Promise<AttentionMessage | null>;
  /** Removes the session's item and answers it, or null when it has none. */
  claimSession(sessionId: string): Promise<AttentionMessage | null>;
  /** Puts a claimed item back, unless the session has a newer one by now. */
  restore(item: AttentionMessage): Promise<void>;
}

export function d1AttentionStore(db: TelegramDb): AttentionStore {
  const t = telegramAttention;
  return {
    async open(item) {
      // One batch: the older item goes and the new one comes together, never two for one session.
      const [, [row]] = await db.batch([
        db.delete(t).where(eq(t.sessionId, item.sessionId)),
        db.insert(t).values(item).returning({ id: t.id }),
      ]);
      if (row === undefined) throw new Error('telegram_attention insert returned no row');
      return row.id;
    },
    async posted(id, messageId) {
      await db.update(t).set({ messageId }).where(eq(t.id, id));
    },
    async message(id) {
      return (await db.select().from(t).where(eq(t.id, id)).limit(1))[0] ?? null;
    },
    async claim(id) {
      return (await db.delete(t).where(eq(t.id, id)).returning())[0] ?? null;
    },
    async claimSession(sessionId) {
      return (await db.delete(t).where(eq(t.sessionId, sessionId)).returning())[0] ?? null;
    },
    async restore(item) {
      await db.insert(t).values(item).onConflictDoNothing();
    },
  };
}
