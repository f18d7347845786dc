/**
 * The notices' wording in the chat (plain text) and their buttons. The notice itself is `@vibecode/channels`'
 * rendering, the web's mail text; what the buttons say and what the message says once answered is the bot's. The
 * power-off question carries the billing copy every surface shares (`@vibecode/schemas`' billing.ts, seed §9.2).
 */
import type { NoticeAnswer, NoticeReply } from '@vibecode/core/ports';
import { type NoticeAction, POWER_OFF_BILLING } from '@vibecode/schemas';
import { InlineKeyboard } from 'grammy';

/**
 * Callback data: `notice:<verb>:<notification id>` (≤ 64 bytes: 20 + a 36-character UUID). `ask-off` asks before
 * the power off, `back` takes the question back; the others are core's `NoticeReply`s.
 */
export const NOTICE_DATA = /^notice:(power_off|keep_running|retry|ask-off|back):([\w-]{1,40})$/;
export type NoticeVerb = NoticeReply | 'ask-off' | 'back';
export const noticeData = (verb: NoticeVerb, noticeId: string) => `notice:${verb}:${noticeId}`;

export const noticeText = {
  powerOffAsk: (text: string) =>
    `${text}\n\nPower off? Running sessions stop until you power it on again. ${POWER_OFF_BILLING}`,
  answered: (text: string, answer: NoticeAnswer) => `${text}\n\n${ANSWERED[answer]}`,
  done: (answer: NoticeAnswer) => ANSWERED[answer],
};

const ANSWERED: Record<NoticeAnswer, string> = {
  powered_off: '✓ Powered off. Compute billing stops.',
  kept_running: '✓ Kept running.',
  retried: '✓ Setting up again: a new server is being created.',
  dismissed: '✓ Dismissed.',
};

/**
 * The notice's actions as buttons: core's replies as callback buttons (Power off asks first), the links as URL
 * buttons to the server's page when the app has a public URL (Telegram takes no relative URLs). A Retry needs that
 * URL too (the new gateway's way home), so without it the message's own link text is the way.
 */
export function noticeButtons(
  noticeId: string,
  actions: readonly NoticeAction[],
  serverUrl: string | null,
): InlineKeyboard | undefined {
  const keyboard = new InlineKeyboard();
  let any = false;
  for (const action of actions) {
    if (action === 'power_off') keyboard.text('Power off…', noticeData('ask-off', noticeId));
    else if (action === 'keep_running') keyboard.text('Keep running', noticeData('keep_running', noticeId));
    else if (serverUrl === null) continue;
    else if (action === 'retry') keyboard.text('Retry setup', noticeData('retry', noticeId));
    else keyboard.url(action === 'open_console' ? 'Open console' : 'Open server', serverUrl);
    any = true;
  }
  return any ? keyboard : undefined;
}

export const powerOffButtons = (noticeId: string) =>
  new InlineKeyboard()
    .text('Power off', noticeData('power_off', noticeId))
    .text('Cancel', noticeData('back', noticeId));
