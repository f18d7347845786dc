import { backoffDelay } from '@vibecode/schemas/link';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, rateLimitWaitMs, retryBackoff } from './retry.ts';

describe('retryBackoff', () => {
  it('doubles its ceiling per attempt up to maxDelayMs, with full jitter below it', () => {
    const backoff = retryBackoff(DEFAULT_RETRY_POLICY);
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, backoff, () => 0.999999))).toEqual([
      499, 999, 1999, 3999, 7999, 7999,
    ]);
    expect(backoffDelay(3, backoff, () => 0)).toBe(0);
  });
});

describe('rateLimitWaitMs', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  const headers = (h: Record<string, string>) => new Headers(h);

  it('prefers Retry-After in seconds, then as an HTTP date', () => {
    expect(rateLimitWaitMs(headers({ 'retry-after': '7', 'ratelimit-reset': String(now / 1000 + 60) }), now)).toBe(
      7000,
    );
    expect(rateLimitWaitMs(headers({ 'retry-after': new Date(now + 5000).toUTCString() }), now)).toBe(5000);
  });

  it('falls back to ratelimit-reset (Unix seconds), never negative, else one second', () => {
    expect(rateLimitWaitMs(headers({ 'ratelimit-reset': String(now / 1000 + 42) }), now)).toBe(42_000);
    expect(rateLimitWaitMs(headers({ 'ratelimit-reset': String(now / 1000 - 5) }), now)).toBe(0);
    expect(rateLimitWaitMs(headers({}), now)).toBe(1000);
  });
});
