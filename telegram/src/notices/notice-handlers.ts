/**
 * The buttons under a notice (after `linking`, so `ctx.link` is set): Power off… asks first with the billing copy,
 * Power off / Keep running / Retry go to core's `NoticeControl` (the web banner's paths), Cancel takes the question
 * back. Core's answer reaches every channel, this one included (`channel.ts` `answered`), which edits the message to
 * say what was done; a refusal is shown as an alert and, when the notice is settled already, its buttons go.
 */
import type { NoticeControl } from '@vibecode/core/ports';
import { Composer } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { NoticeStore } from '../db/notice-store.ts';
import type { LinkedContext } from '../linking.ts';
import { isNotModified } from '../topics/bot-api-errors.ts';
import { NOTICE_DATA, type NoticeVerb, noticeText, powerOffButtons } from './notice-text.ts';

export type NoticeDeps = { notices: NoticeControl; noticeMessages: NoticeStore };

/** Refusals after which the buttons can do nothing more. */
const SETTLED = new Set(['notification.not_found', 'notification.answered']);

/**
 * An edit that finds the message as it would leave it: a second press (a double tap, another device) before the chat
 * caught up. Nothing is left to do; any other failure is the update's.
 */
async function settle(edit: Promise<unknown>): Promise<void> {
  try {
    await edit;
  } catch (error) {
    if (!isNotModified(error)) throw error;
  }
}

export function noticeHandlers(deps: NoticeDeps): Composer<LinkedContext> {
  const { notices, noticeMessages } = deps;
  const composer = new Composer<LinkedContext>();

  composer.callbackQuery(NOTICE_DATA, async (ctx) => {
    const [, verb, noticeId] = ctx.match as RegExpMatchArray & [string, NoticeVerb, string];
    const message = await noticeMessages.message(noticeId);
    // Only the chat's own linked user's notice: another user's id reads as gone, like one already answered.
    const mine = message !== null && message.userId === ctx.link.userId;

    if (verb === 'ask-off' || verb === 'back') {
      await ctx.answerCallbackQuery();
      if (!mine) {
        await settle(ctx.editMessageReplyMarkup());
        return;
      }
      if (verb === 'ask-off') {
        await settle(
          ctx.editMessageText(noticeText.powerOffAsk(message.text), { reply_markup: powerOffButtons(noticeId) }),
        );
      } else {
        // Written by the channel from an `InlineKeyboard`: the markup it sent.
        const buttons = message.buttons === null ? undefined : (JSON.parse(message.buttons) as InlineKeyboardMarkup);
        await settle(ctx.editMessageText(message.text, { reply_markup: buttons }));
      }
      return;
    }

    const result = await notices.answer(ctx.link.userId, noticeId, verb);
    if (result.ok) {
      await ctx.answerCallbackQuery({ text: noticeText.done(result.value) });
      return;
    }
    await ctx.answerCallbackQuery({ text: result.error.message, show_alert: true });
    if (SETTLED.has(result.error.code)) await settle(ctx.editMessageReplyMarkup());
  });

  return composer;
}
