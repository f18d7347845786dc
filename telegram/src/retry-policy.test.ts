import { BotError, type Context, GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { isRetryable, RETRY_BACKOFF, retryDelaySeconds } from './retry-policy.ts';

const apiError = (error_code: number, retry_after?: number) =>
  new GrammyError(
    'Call to sendMessage failed!',
    { ok: false, error_code, description: 'x', ...(retry_after === undefined ? {} : { parameters: { retry_after } }) },
    'sendMessage',
    {},
  );
const inBot = (error: unknown) => new BotError(error, {} as Context);

describe('isRetryable', () => {
  it('retries the Bot API being busy or down, and the network', () => {
    expect(isRetryable(apiError(429, 3))).toBe(true);
    expect(isRetryable(apiError(500))).toBe(true);
    expect(isRetryable(apiError(502))).toBe(true);
    expect(isRetryable(new HttpError('Network request for sendMessage failed!', new Error('ECONNREFUSED')))).toBe(true);
  });

  it('retries anything unexpected (D1, a bug): the Queue bounds it', () => {
    expect(isRetryable(new Error('D1_ERROR'))).toBe(true);
    expect(isRetryable('thrown string')).toBe(true);
  });

  it('gives up on a request the Bot API refuses for good', () => {
    expect(isRetryable(apiError(400))).toBe(false);
    expect(isRetryable(apiError(403))).toBe(false);
    expect(isRetryable(apiError(404))).toBe(false);
  });

  it('looks inside the BotError grammY wraps a middleware error in', () => {
    expect(isRetryable(inBot(apiError(403)))).toBe(false);
    expect(isRetryable(inBot(apiError(429, 1)))).toBe(true);
    expect(isRetryable(inBot(new Error('boom')))).toBe(true);
  });
});

describe('retryDelaySeconds', () => {
  const low = () => 0;
  const high = () => 0.999_999;

  it('backs off from 5 s, doubling, with jitter', () => {
    expect(retryDelaySeconds(1, null, low)).toBe(3);
    expect(retryDelaySeconds(1, null, high)).toBe(5);
    expect(retryDelaySeconds(2, null, high)).toBe(10);
    expect(retryDelaySeconds(3, null, low)).toBe(10);
    expect(retryDelaySeconds(3, null, high)).toBe(20);
  });

  it('caps at 10 minutes', () => {
    expect(RETRY_BACKOFF.capMs).toBe(600_000);
    expect(retryDelaySeconds(30, null, high)).toBe(600);
  });

  it('waits at least what a 429 asks, at most a day', () => {
    expect(retryDelaySeconds(1, apiError(429, 40), high)).toBe(40);
    expect(retryDelaySeconds(1, inBot(apiError(429, 40)), high)).toBe(40);
    expect(retryDelaySeconds(5, apiError(429, 2), high)).toBe(80);
    expect(retryDelaySeconds(1, apiError(429, 10 * 86_400), high)).toBe(86_400);
  });

  it('is never 0', () => {
    expect(retryDelaySeconds(0, null, low)).toBeGreaterThanOrEqual(1);
  });
});
