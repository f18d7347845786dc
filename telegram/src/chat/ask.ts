/**
 * Asking inside a conversation (`@grammyjs/conversations`): the user's answer to the question just sent, as a press of
 * one of its buttons or, where a text answer is welcome, a text message. While a question waits:
 *   - a command (`/sessions`, `/new` again…) leaves the conversation and runs as it would without one;
 *   - a press of another message's button, or text where only buttons answer, gets a hint and the wait goes on;
 *   - after `ANSWER_WAIT_MS` the conversation is over, and what the user sends then runs as it would without one.
 */
import type { Conversation } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import { replies } from '../replies.ts';

/** How long a question waits for its answer. */
export const ANSWER_WAIT_MS = 15 * 60 * 1000;

export type Answer = { kind: 'button'; value: string; ctx: Context } | { kind: 'text'; value: string; ctx: Context };

/**
 * `prefix`: the callback data prefix of this question's buttons; `values`: the values after it that answer (a forged
 * or stale press with anything else does not); `text`: whether a text message answers too.
 */
export async function answerTo<OC extends Context>(
  conversation: Conversation<OC, Context>,
  question: { prefix: string; values: readonly string[]; text: boolean },
): Promise<Answer> {
  for (;;) {
    const ctx = await conversation.wait({ maxMilliseconds: ANSWER_WAIT_MS });
    const text = ctx.message?.text;
    if (text?.startsWith('/')) await conversation.halt({ next: true });
    const data = ctx.callbackQuery?.data;
    if (data?.startsWith(question.prefix) && question.values.includes(data.slice(question.prefix.length))) {
      await ctx.answerCallbackQuery();
      return { kind: 'button', value: data.slice(question.prefix.length), ctx };
    }
    if (question.text && text !== undefined) return { kind: 'text', value: text, ctx };
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: replies.chat.tapButton });
    else if (ctx.message) await ctx.reply(replies.chat.tapButton);
  }
}
