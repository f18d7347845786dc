import { describe, expect, it } from 'vitest';
import { decide, MAGIC_LINK_PER_EMAIL, rateWindow, retryAfterText } from './rate-limit.ts';

const hour = 3_600_000;

describe('rate-limit windows', () => {
  it('allows up to the limit, then tells how long until the window ends', () => {
    const now = 10 * hour + 15 * 60_000;
    expect(decide(4, MAGIC_LINK_PER_EMAIL, now)).toEqual({ allowed: true });
    expect(decide(5, MAGIC_LINK_PER_EMAIL, now)).toEqual({ allowed: false, retryAfterSeconds: 45 * 60 });
  });

  it('aligns windows to the hour and never says retry after 0 s', () => {
    expect(rateWindow(MAGIC_LINK_PER_EMAIL, 10 * hour)).toEqual({ start: 10 * hour, secondsLeft: 3600 });
    expect(rateWindow(MAGIC_LINK_PER_EMAIL, 11 * hour - 1)).toEqual({ start: 10 * hour, secondsLeft: 1 });
  });

  it('says when to try again in whole minutes, or seconds under a minute', () => {
    expect(retryAfterText(1)).toBe('try again in 1 second');
    expect(retryAfterText(59)).toBe('try again in 59 seconds');
    expect(retryAfterText(60)).toBe('try again in 1 minute');
    expect(retryAfterText(61)).toBe('try again in 2 minutes');
    expect(retryAfterText(2700)).toBe('try again in 45 minutes');
  });
});
