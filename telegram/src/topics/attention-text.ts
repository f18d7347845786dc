/**
 * An attention item in a session's topic (issue 17): what the message says (HTML), its buttons, their callback data,
 * and what the message says once settled. Callback data stays far below Telegram's 64 bytes: `att:<item id>:<n>`
 * answers with the item's n-th choice, `att:<item id>:c` continues at the reset; the fingerprint and the choices
 * wait in the bot's table (`db/attention-store.ts`), so data a client makes up finds nothing to answer.
 */
import type { AttentionCleared, SessionAttention } from '@vibecode/core/ports';
import { InlineKeyboard } from 'grammy';
import { escapeHtml } from './screen-text.ts';

/** An item id (a D1 rowid, below 2^53) and a choice index (the protocol allows 12 choices) or `c`. */
export const ATTENTION_DATA = /^att:([1-9]\d{0,15}):(1[01]|\d|c)$/;
const CONTINUE = 'c';

export type AttentionPress = { id: number; choice: number } | { id: number; continue: true };

/** Callback data from Telegram is untrusted: a press we could have made, or null. */
export function parseAttentionData(data: string): AttentionPress | null {
  const match = ATTENTION_DATA.exec(data);
  if (match === null) return null;
  const id = Number(match[1]);
  if (!Number.isSafeInteger(id)) return null;
  return match[2] === CONTINUE ? { id, continue: true } : { id, choice: Number(match[2]) };
}

/** The question's text as the screen shows it, kept to what a message holds next to the rest (characters). */
const MAX_DETAIL_CHARS = 3000;
/** Telegram shows a button's first few dozen characters; the rest is cut here, not by the client. */
const MAX_LABEL_CHARS = 40;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
/** The question's bottom lines: where a prompt's options and its question are. */
const detailTail = (text: string) => (text.length > MAX_DETAIL_CHARS ? `…${text.slice(-MAX_DETAIL_CHARS)}` : text);

/** A time as `2026-12-06 14:00 UTC`: the chat has no time zone of the user's to go by. */
export const utcTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A question with choices: a button each. An answer must name its prompt, so one without a fingerprint has none. */
const answersByButton = (item: SessionAttention) =>
  item.state === 'needs_input' && item.choices.length > 0 && item.promptFingerprint !== null;

export function attentionHtml(item: SessionAttention): string {
  const detail = item.detail === null ? '' : `\n<pre>${escapeHtml(detailTail(item.detail))}</pre>`;
  switch (item.state) {
    case 'needs_input':
      return answersByButton(item)
        ? `❓ <b>The session asks:</b>${detail}`
        : `❓ <b>The session asks:</b>${detail}\nReply here to answer.`;
    case 'limited': {
      const reset = item.resetsAt === null ? '' : `\nThe limit resets at ${utcTime(item.resetsAt)}.`;
      const chosen = item.continueAtReset ? '\nIt continues then, as you chose.' : '';
      return `⏳ <b>Stopped by a usage limit.</b>${detail}${reset}${chosen}`;
    }
    case 'done':
      return `✅ <b>Finished: the session may be waiting for your input.</b>${detail}`;
  }
}

/** The item's buttons: each choice, or "Continue at reset" for a limit with a known reset not yet chosen. */
export function attentionButtons(id: number, item: SessionAttention): InlineKeyboard | undefined {
  if (answersByButton(item)) {
    const keyboard = new InlineKeyboard();
    item.choices.forEach((choice, n) => {
      keyboard.text(cut(choice.label, MAX_LABEL_CHARS), `att:${id}:${n}`);
    });
    return keyboard;
  }
  if (item.state === 'limited' && item.resetsAt !== null && !item.continueAtReset) {
    return new InlineKeyboard().text('Continue at reset', `att:${id}:${CONTINUE}`);
  }
  return undefined;
}

const CLEARED: Record<AttentionCleared, string> = {
  answered: '✓ Answered elsewhere.',
  seen: '✓ Seen.',
  moved_on: 'The agent went on without an answer here: nothing waits for you now.',
  ended: 'The session ended.',
};

/** What the message says below the item once settled (HTML). */
export const settledText = {
  answered: (label: string) => `✓ Answered: ${escapeHtml(label)}`,
  changed: 'The question changed: the screen no longer shows it, so nothing was typed.',
  continues: (at: number | null) =>
    at === null ? '✓ It will continue at the reset.' : `✓ It will continue at ${utcTime(at)}.`,
  cleared: (how: AttentionCleared) => CLEARED[how],
};

/** The item's message with what became of it (its buttons go with the edit). */
export const settledHtml = (html: string, what: string) => `${html}\n\n<i>${what}</i>`;

/** What a press is answered with (a toast). */
export const pressText = {
  answered: (label: string) => `Answered: ${label}`,
  changed: 'The question changed',
  continues: 'It will continue at the reset',
  closed: 'This question is no longer open.',
};
