/**
 * The buttons under an attention item (after `linking`, so `ctx.link` is set): a choice answers the prompt through
 * core's `SessionControl.answer` with the fingerprint the item was told with, "Continue at reset" sets that choice
 * through `continueAtReset`. The item's row is claimed before core is asked, so the answer's clearing (which the hub
 * tells every surface, this one included) finds nothing left to edit here, and a double tap answers once; the
 * message is then edited to say what became of it. A refusal that leaves the question open (the gateway offline)
 * puts the row back and is shown as an alert; one that settles it (`session.prompt_changed`, the session gone) edits
 * the message to say so. Data that names no item of this user's reads as a question no longer open.
 */
import type { ControlResult, SessionControl } from '@vibecode/core/ports';
import { Composer } from 'grammy';
import type { AttentionMessage, AttentionStore } from '../db/attention-store.ts';
import type { LinkedContext } from '../linking.ts';
import { settleMessage } from './attention-surface.ts';
import { ATTENTION_DATA, parseAttentionData, pressText, settledText } from './attention-text.ts';
import { isNotModified } from './bot-api-errors.ts';

export type AttentionDeps = { sessions: SessionControl; attentionMessages: AttentionStore };

/** Refusals after which the item's buttons can do nothing more, and what its message then says. */
const SETTLING: Record<string, string> = {
  'session.prompt_changed': settledText.changed,
  'session.not_running': 'The session is no longer running.',
  'session.ended': 'The session has ended.',
  'session.not_found': 'The session is gone.',
};

type Ctx = LinkedContext & { callbackQuery: NonNullable<LinkedContext['callbackQuery']> };

/**
 * Takes an item's buttons off the pressed message, which may have lost them already. Only an item's: data a client
 * made up under another of the bot's messages (a screen's Open terminal) leaves that message as it is.
 */
async function dropButtons(ctx: Ctx): Promise<void> {
  const buttons = ctx.callbackQuery.message?.reply_markup?.inline_keyboard.flat() ?? [];
  if (!buttons.some((b) => 'callback_data' in b && ATTENTION_DATA.test(b.callback_data))) return;
  try {
    await ctx.editMessageReplyMarkup();
  } catch (error) {
    if (!isNotModified(error)) throw error;
  }
}

export function attentionHandlers(deps: AttentionDeps): Composer<LinkedContext> {
  const { sessions, attentionMessages } = deps;

  /** The press's outcome: a toast and the message edited, or the row back and an alert for a passing refusal. */
  const settle = async (ctx: Ctx, item: AttentionMessage, result: ControlResult<unknown>, done: [string, string]) => {
    if (result.ok) {
      await ctx.answerCallbackQuery({ text: done[0] });
      await settleMessage(ctx.api, item, done[1]);
      return;
    }
    const settling = SETTLING[result.error.code];
    if (settling === undefined) {
      await attentionMessages.restore(item);
      await ctx.answerCallbackQuery({ text: result.error.message, show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery({
      text: result.error.code === 'session.prompt_changed' ? pressText.changed : settling,
    });
    await settleMessage(ctx.api, item, settling);
  };

  const composer = new Composer<LinkedContext>();
  composer.callbackQuery(ATTENTION_DATA, async (ctx) => {
    const press = parseAttentionData(ctx.callbackQuery.data);
    const item = press === null ? null : await attentionMessages.message(press.id);
    const choice = press !== null && 'choice' in press ? item?.choices[press.choice] : undefined;
    const valid =
      press !== null &&
      item !== null &&
      item.userId === ctx.link.userId &&
      ('continue' in press
        ? item.state === 'limited'
        : item.state === 'needs_input' && choice !== undefined && item.promptFingerprint !== null);
    // Claimed now: from here on this press is the one that settles it.
    const claimed = valid ? await attentionMessages.claim(item.id) : null;
    if (claimed === null) {
      await ctx.answerCallbackQuery({ text: pressText.closed });
      await dropButtons(ctx);
      return;
    }
    // A choice's item has its fingerprint (checked above); what is left is a Continue at reset.
    if (choice !== undefined && claimed.promptFingerprint !== null) {
      const reply = { prompt_fingerprint: claimed.promptFingerprint, choice: choice.key };
      const result = await sessions.answer(ctx.link.userId, claimed.sessionId, reply);
      await settle(ctx, claimed, result, [pressText.answered(choice.label), settledText.answered(choice.label)]);
      return;
    }
    const result = await sessions.continueAtReset(ctx.link.userId, claimed.sessionId, true);
    const at = result.ok ? result.value : null;
    await settle(ctx, claimed, result, [pressText.continues, settledText.continues(at)]);
  });
  return composer;
}
