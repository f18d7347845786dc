/**
 * Bounded retries for cloud API calls: 429 waits what the server says (`Retry-After`, else `ratelimit-reset`),
 * 5xx and network failures back off exponentially with full jitter (the shared `backoffDelay`). The loop is
 * `digitalocean-http.ts`'s, not p-retry's: see the README's "Libraries" for why.
 */
import type { BackoffPolicy } from '@vibecode/schemas/link';

export interface RetryPolicy {
  /** Total tries, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  /** Cap on one backoff step. */
  maxDelayMs: number;
  /** A 429 that asks to wait longer than this is not waited for: it is thrown as `cloud.rate_limited`. */
  maxRateLimitWaitMs: number;
}

/** Worst case before giving up on 5xx: 4 tries, waits ≤ 0.5 + 1 + 2 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRateLimitWaitMs: 30_000,
};

/** The policy's backoff: full jitter, uniform in [0, min(maxDelayMs, baseDelayMs · 2^attempt)), attempt from 0. */
export function retryBackoff(policy: RetryPolicy): BackoffPolicy {
  return { baseMs: policy.baseDelayMs, capMs: policy.maxDelayMs, jitter: 'full' };
}

/**
 * How long a 429 asks to wait, in ms: `Retry-After` (seconds or an HTTP date), else `ratelimit-reset` (Unix
 * seconds), else one second.
 */
export function rateLimitWaitMs(headers: Headers, now: number): number {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers.get('ratelimit-reset'));
  if (headers.get('ratelimit-reset') !== null && Number.isFinite(reset)) return Math.max(0, reset * 1000 - now);
  return 1000;
}
