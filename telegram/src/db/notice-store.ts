/**
 * The bot's message per notice (`telegram_notices`): written when the channel delivers a notice, read when the user
 * presses one of its buttons, and claimed (removed) by whoever edits it to say how the notice was answered, so two
 * answers (a button and the web at once) edit it once.
 */
import { eq } from 'drizzle-orm';
import type { TelegramDb } from './client.ts';
import { telegramNotices } from './schema.ts';

export type NoticeMessage = typeof telegramNotices.$inferSelect;

export interface NoticeStore {
  create(message: NoticeMessage): Promise<void>;
  message(noticeId: string): Promise<NoticeMessage | null>;
  /** Removes the notice's message row and answers it, or null when it is not (or no longer) there. */
  claim(noticeId: string): Promise<NoticeMessage | null>;
}

export function d1NoticeStore(db: TelegramDb): NoticeStore {
  const t = telegramNotices;
  return {
    async create(message) {
      // A re-delivery of the same notice (a retry) points at its newest message.
      await db
        .insert(t)
        .values(message)
        .onConflictDoUpdate({
          target: t.noticeId,
          set: { chatId: message.chatId, messageId: message.messageId, text: message.text, buttons: message.buttons },
        });
    },
    async message(noticeId) {
      return (await db.select().from(t).where(eq(t.noticeId, noticeId)).limit(1))[0] ?? null;
    },
    async claim(noticeId) {
      return (await db.delete(t).where(eq(t.noticeId, noticeId)).returning())[0] ?? null;
    },
  };
}
