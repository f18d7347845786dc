/**
 * What the consumer does with an update that failed: retry it later through the Queue (`message.retry`), or give up.
 * Retried: the Bot API busy or down (429, 5xx, network: `HttpError`) and anything unexpected (D1, a bug); the Queue's
 * `max_retries` (wrangler.toml) bounds them. Given up: the Bot API refusing the request itself (other 4xx: the user
 * blocked the bot, a message that no longer exists), which fails the same way every time.
 * The delay is `backoffDelay` from 5 s doubling to 10 min, never shorter than a 429's `retry_after` (at most a day).
 */
import { type BackoffPolicy, backoffDelay } from '@vibecode/schemas/link';
import { BotError, GrammyError } from 'grammy';

export const RETRY_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 600_000 };
/** The Queue refuses a longer `delaySeconds`. */
const MAX_DELAY_SECONDS = 24 * 3600;

function cause(error: unknown): unknown {
  return error instanceof BotError ? error.error : error;
}

export function isRetryable(error: unknown): boolean {
  const inner = cause(error);
  if (!(inner instanceof GrammyError)) return true;
  return inner.error_code === 429 || inner.error_code >= 500;
}

/** `attempts`: the Queue's count for the message, 1 on its first delivery; `random` returns [0, 1). */
export function retryDelaySeconds(attempts: number, error: unknown, random: () => number): number {
  const backoff = Math.ceil(backoffDelay(attempts - 1, RETRY_BACKOFF, random) / 1000);
  const inner = cause(error);
  const retryAfter = inner instanceof GrammyError ? (inner.parameters.retry_after ?? 0) : 0;
  return Math.min(MAX_DELAY_SECONDS, Math.max(1, backoff, retryAfter));
}
