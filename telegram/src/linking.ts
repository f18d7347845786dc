/**
 * Account linking in the bot's private chat, and the gate in front of everything else the bot does:
 *   - `/start <code>` redeems a link code (`POST /api/telegram/link`) and links this Telegram account and chat to the
 *     code's user, answering with the masked address; a bad, expired or used code gets a plain answer saying so;
 *   - `/start` alone, `/help`: where this account stands;
 *   - `/unlink` removes the link;
 *   - anything else from an account that is not linked gets how to link, and nothing else runs; from a linked account
 *     it passes on with `ctx.link` set.
 * A chat that links (and a linked chat's `/start`) gets the Mini App as its menu button (`miniapp/entry-points.ts`),
 * when the app has a public URL; one that unlinks, or whose link moves to the user's newer account, gets Telegram's
 * default back.
 * Only private chats: the bot is not meant for groups, and there no update passes this gate.
 */
import type { Logger, UserDirectory } from '@vibecode/core/ports';
import { Composer, type Context } from 'grammy';
import type { LinkStore, TelegramLink } from './db/link-store.ts';
import { isWellFormedLinkCode, linkCodeHash } from './link-codes.ts';
import { maskEmail } from './mask-email.ts';
import { miniAppBase, setMenuButton } from './miniapp/entry-points.ts';
import { replies } from './replies.ts';

export type LinkedContext = Context & { link: TelegramLink };

export type LinkingDeps = {
  store: LinkStore;
  users: UserDirectory;
  now: () => number;
  /** The web app's public origin (core's `PUBLIC_URL`) the Mini App opens at; null without one. */
  appUrl: string | null;
  log: Logger;
};

export function linking(deps: LinkingDeps): Composer<LinkedContext> {
  const { store, users, now, log } = deps;
  /** The linked chat's menu button opens the Mini App; without an app URL nothing is set. */
  const showMiniApp = async (ctx: Context, chatId: number) => {
    const appUrl = miniAppBase(deps.appUrl, log);
    if (appUrl !== null) await setMenuButton(ctx.api, chatId, appUrl, log);
  };
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
      if (link) await showMiniApp(ctx, ctx.chat.id);
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
    await showMiniApp(ctx, ctx.chat.id);
    // The user's other account lost its link: its chat's menu button opens nothing of theirs any more.
    if (redeemed.displacedChatId !== null) await setMenuButton(ctx.api, redeemed.displacedChatId, null, log);
  });

  chat.command('unlink', async (ctx) => {
    const userId = await store.unlinkTelegram(ctx.from.id);
    await ctx.reply(userId === null ? replies.unlinked : replies.unlinkedNow(await maskedEmailOf(userId)));
    if (userId !== null) await setMenuButton(ctx.api, ctx.chat.id, null, log);
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
