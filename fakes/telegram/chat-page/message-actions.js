/**
 * What a person can do to a message on the page: reply to it, press its inline keyboard buttons (a callback button
 * is delivered to the bot as a `callback_query`; url buttons open their page, web_app buttons the Mini App window;
 * copy_text copies), and jump to a quoted message.
 */
import { safeHref } from './entities.js';
import { pressButton } from './requests.js';

/**
 * @typedef {import('./identity.js').PageUser} PageUser
 * @typedef {import('./delivery.js').Delivery} Delivery
 */

/** A pressed button waits this long for the bot's answerCallbackQuery before it stops spinning. */
const ANSWER_WAIT_MS = 15_000;

/**
 * @param {HTMLElement} list the message list
 * @param {{ user(): PageUser, reply(messageId: number): void, toast(text: string): void,
 *   pressed(delivery: Delivery): void, failed(err: unknown): void,
 *   openWebApp(button: { url: string, message_id: number }): void }} page
 */
export function wireMessageActions(list, page) {
  list.addEventListener('click', async (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const quote = target.closest('.quote');
    if (quote instanceof HTMLElement) {
      list.querySelector(`[data-message-id="${quote.dataset.replyTo}"]`)?.scrollIntoView({ block: 'center' });
    }
    const button = target.closest('button');
    if (!button) return;
    if (button.dataset.reply) return page.reply(Number(button.dataset.reply));
    if (button.dataset.url !== undefined) {
      const url = safeHref(button.dataset.url);
      if (url) window.open(url, '_blank', 'noopener,noreferrer');
      else page.toast('That button has a link the page will not open.');
      return;
    }
    if (button.dataset.webApp !== undefined) {
      const item = /** @type {HTMLElement} */ (button.closest('[data-message-id]'));
      return page.openWebApp({ url: button.dataset.webApp, message_id: Number(item.dataset.messageId) });
    }
    if (button.dataset.copy !== undefined) {
      await navigator.clipboard?.writeText(button.dataset.copy).catch(() => undefined);
      return page.toast('Copied');
    }
    if (button.dataset.callback === undefined) return;
    const item = /** @type {HTMLElement} */ (button.closest('[data-message-id]'));
    button.classList.add('pending');
    window.setTimeout(() => button.classList.remove('pending'), ANSWER_WAIT_MS);
    try {
      const { delivery } = await pressButton({
        user: page.user(),
        message_id: Number(item.dataset.messageId),
        data: button.dataset.callback,
      });
      page.pressed(delivery);
    } catch (err) {
      button.classList.remove('pending');
      page.failed(err);
    }
  });
}
