/**
 * Bounded retries for cloud API calls: 429 waits what the server says (`Retry-After`, else `ratelimit-reset`),
 * 5xx and network failures back off exponentially with full jitter. A tiny helper instead of a library because
 * it must take its `sleep` and randomness as parameters (tests drive time; Workers code has no timer types here)
 * and must honour a per-reply delay, which p-retry and exponential-backoff do not.
 */

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

/** Full jitter: uniform in [0, min(maxDelayMs, baseDelayMs · 2^attempt)], attempt counting from 0. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
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
