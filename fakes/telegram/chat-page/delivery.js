/** What the page tells the person when an update did not reach the bot (or the bot's webhook refused it). */

/**
 * @typedef {{ delivered: boolean, status?: number, reason?: string }} Delivery
 */

/** @type {Record<string, string>} */
const REASONS = {
  no_webhook: 'Not delivered: the bot has no webhook set (it never called setWebhook, or called deleteWebhook).',
  not_allowed: "Not delivered: the webhook's allowed_updates leave out this kind of update.",
  unreachable: "Not delivered: the bot's webhook URL could not be reached. Is the app running?",
};

/** @type {Record<number, string>} */
const STATUS_HINTS = {
  401: ' (wrong or missing secret token?)',
  403: ' (wrong or missing secret token?)',
  404: ' (is the webhook URL right?)',
  503: ' (is the bot configured?)',
};

/**
 * @param {Delivery} delivery
 * @returns {string | undefined} undefined when the bot's webhook took the update (2xx)
 */
export function deliveryProblem(delivery) {
  if (!delivery.delivered) return REASONS[delivery.reason ?? ''] ?? 'Not delivered.';
  const status = delivery.status ?? 0;
  if (status >= 200 && status <= 299) return undefined;
  return `Delivered, but the bot's webhook answered ${status}${STATUS_HINTS[status] ?? ''}.`;
}
