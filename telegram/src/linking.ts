/**
 * Account linking in the bot's private chat, and the gate in front of everything else the bot does:
 *   - `/start <code>` redeems a link code (`POST /api/telegram/link`) and links this Telegram account and chat to the
 *     code's user, answering with the masked address; a bad, expired or used code gets a plain answer saying so;
 *   - `/start` alone, `/help`: where this account stands;
 *   - `/unlink` removes the link;
 *   - anything else from an account that is not linked gets how to link, and nothing else runs; from a linked account
 *     it passes on with `ctx.link` set.
 * Only private chats: the bot is not meant for groups, and there no update passes this gate.
 */
import type { UserDirectory } from '@vibecode/core/ports';
import { Composer, type Context } from 'grammy';
import type { LinkStore, TelegramLink } from './db/link-store.ts';
import { isWellFormedLinkCode, linkCodeHash } from './link-codes.ts';
import { maskEmail } from './mask-email.ts';
import { replies } from './replies.ts';

export type LinkedContext = Context & { link: TelegramLink };

export type LinkingDeps = { store: LinkStore; users: UserDirectory; now: () => number };

export function linking(deps: LinkingDeps): Composer<LinkedContext> {
  const { store, users, now } = deps;
  const maskedEmailOf = async (userId: string) => {
    const email = await users.emailOf(userId);
    return email === null ? replies.someAccount : maskEmail(email);
  };

  const composer = new Composer<LinkedContext>();
  const chat = composer.chatType('private');

  chat.command('start', async (ctx) => {
    const code = ctx.match.trim();
    if (code === '') {
      const link = await store.linkOfTelegram(ctx.from.id);
      await ctx.reply(link ? replies.stillLinked(await maskedEmailOf(link.userId)) : replies.unlinked);
      return;
    }
    const redeemed = isWellFormedLinkCode(code)
      ? await store.redeem(
          await linkCodeHash(code),
          { telegramUserId: ctx.from.id, chatId: ctx.chat.id, username: ctx.from.username ?? null },
          now(),
        )
      : null;
    if (redeemed === null) {
      await ctx.reply(replies.badCode);
      return;
    }
    const email = await maskedEmailOf(redeemed.userId);
    const text =
      redeemed.movedFrom === null
        ? replies.linked(email)
        : replies.moved(await maskedEmailOf(redeemed.movedFrom), email);
    await ctx.reply(text);
  });

  chat.command('unlink', async (ctx) => {
    const userId = await store.unlinkTelegram(ctx.from.id);
    await ctx.reply(userId === null ? replies.unlinked : replies.unlinkedNow(await maskedEmailOf(userId)));
  });

  chat.use(async (ctx, next) => {
    const link = ctx.from ? await store.linkOfTelegram(ctx.from.id) : null;
    if (link === null) {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: replies.unlinked, show_alert: true });
      else if (ctx.message) await ctx.reply(replies.unlinked);
      return;
    }
    ctx.link = link;
    await next();
  });

  chat.command('help', async (ctx) => {
    await ctx.reply(replies.help(await maskedEmailOf(ctx.link.userId)));
  });

  return composer;
}
