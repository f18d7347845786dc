/**
 * Links between Telegram accounts and VibeCode users, and the codes that make them. One Telegram account links to
 * one user and one user to one account: linking moves whatever link either side had. Redeeming a code and linking
 * happen in one D1 batch (a transaction), so a failure leaves the code unused and the update's retry can redeem it.
 */
import { and, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { TelegramDb } from './client.ts';
import { telegramLinkCodes, telegramLinks } from './schema.ts';

export type TelegramLink = typeof telegramLinks.$inferSelect;

export type LinkAccount = { telegramUserId: number; chatId: number; username: string | null };

export type Redeemed = {
  userId: string;
  /** The user this Telegram account was linked to before, when it was another one. */
  movedFrom: string | null;
  /** The chat of the user's other Telegram account, which lost its link to this one (one account per user). */
  displacedChatId: number | null;
};

export interface LinkStore {
  /** Stores a new code's hash for the user, replacing the user's unused ones (and dropping every expired code). */
  createCode(userId: string, codeHash: string, expiresAt: number, now: number): Promise<void>;
  /**
   * Redeems a live, unused code and links the account to its user; null when the code is unknown, expired or used.
   * A live code this same account redeemed already, whose link still stands, answers as a fresh redemption: a
   * retried update finds its own work.
   */
  redeem(codeHash: string, account: LinkAccount, now: number): Promise<Redeemed | null>;
  linkOfTelegram(telegramUserId: number): Promise<TelegramLink | null>;
  linkOfUser(userId: string): Promise<TelegramLink | null>;
  /** Removes the account's link; the user it was linked to, or null when it had none. */
  unlinkTelegram(telegramUserId: number): Promise<string | null>;
  unlinkUser(userId: string): Promise<void>;
}

export function d1LinkStore(db: TelegramDb): LinkStore {
  const codes = telegramLinkCodes;
  const links = telegramLinks;
  const linkOfTelegram = async (telegramUserId: number) =>
    (await db.select().from(links).where(eq(links.telegramUserId, telegramUserId)).limit(1))[0] ?? null;
  const linkOfUser = async (userId: string) =>
    (await db.select().from(links).where(eq(links.userId, userId)).limit(1))[0] ?? null;

  /**
   * A re-run of the same update (its reply failed after the link was made): the live code this account redeemed,
   * while the link it made still stands. Once the user unlinked, the old code links nothing again.
   */
  const redeemedBefore = async (codeHash: string, telegramUserId: number, now: number) => {
    const [row] = await db
      .select({ userId: codes.userId })
      .from(codes)
      .innerJoin(links, and(eq(links.userId, codes.userId), eq(links.telegramUserId, telegramUserId)))
      .where(and(eq(codes.codeHash, codeHash), eq(codes.usedBy, telegramUserId), gt(codes.expiresAt, now)))
      .limit(1);
    return row?.userId ?? null;
  };

  return {
    async createCode(userId, codeHash, expiresAt, now) {
      await db.batch([
        db.delete(codes).where(lt(codes.expiresAt, now)),
        db.delete(codes).where(and(eq(codes.userId, userId), isNull(codes.usedAt))),
        db.insert(codes).values({ codeHash, userId, createdAt: now, expiresAt }),
      ]);
    },

    async redeem(codeHash, account, now) {
      const before = await linkOfTelegram(account.telegramUserId);
      const [pending] = await db
        .select({ userId: codes.userId })
        .from(codes)
        .where(and(eq(codes.codeHash, codeHash), isNull(codes.usedAt), gt(codes.expiresAt, now)))
        .limit(1);
      const other = pending === undefined ? null : await linkOfUser(pending.userId);
      const displaced = other !== null && other.telegramUserId !== account.telegramUserId ? other : null;
      // The code as this batch redeems it: marked with this account and this instant by the UPDATE before it.
      const redeemedHere = and(
        eq(codes.codeHash, codeHash),
        eq(codes.usedBy, account.telegramUserId),
        eq(codes.usedAt, now),
      );
      const [claimed] = await db.batch([
        db
          .update(codes)
          .set({ usedAt: now, usedBy: account.telegramUserId })
          .where(and(eq(codes.codeHash, codeHash), isNull(codes.usedAt), gt(codes.expiresAt, now)))
          .returning({ userId: codes.userId }),
        // The user's other account, if any, loses its link: one account per user.
        db
          .delete(links)
          .where(
            and(
              sql`${links.userId} = (${db.select({ userId: codes.userId }).from(codes).where(redeemedHere)})`,
              ne(links.telegramUserId, account.telegramUserId),
            ),
          ),
        db
          .insert(links)
          .select(
            db
              .select({
                telegramUserId: sql<number>`${account.telegramUserId}`.as('telegram_user_id'),
                userId: codes.userId,
                chatId: sql<number>`${account.chatId}`.as('chat_id'),
                username: sql<string | null>`${account.username}`.as('username'),
                linkedAt: sql<number>`${now}`.as('linked_at'),
              })
              .from(codes)
              .where(redeemedHere),
          )
          .onConflictDoUpdate({
            target: links.telegramUserId,
            set: {
              userId: sql`excluded.user_id`,
              chatId: sql`excluded.chat_id`,
              username: sql`excluded.username`,
              linkedAt: sql`excluded.linked_at`,
            },
          }),
      ]);
      const claimedBy = claimed[0]?.userId ?? null;
      const userId = claimedBy ?? (await redeemedBefore(codeHash, account.telegramUserId, now));
      if (userId === null) return null;
      return {
        userId,
        movedFrom: before !== null && before.userId !== userId ? before.userId : null,
        // Only a redemption made here displaced anyone; a retry finds the other account unlinked already.
        displacedChatId: claimedBy !== null && displaced?.userId === claimedBy ? displaced.chatId : null,
      };
    },

    linkOfTelegram,

    linkOfUser,

    async unlinkTelegram(telegramUserId) {
      const [row] = await db
        .delete(links)
        .where(eq(links.telegramUserId, telegramUserId))
        .returning({ userId: links.userId });
      return row?.userId ?? null;
    },

    async unlinkUser(userId) {
      await db.delete(links).where(eq(links.userId, userId));
    },
  };
}
