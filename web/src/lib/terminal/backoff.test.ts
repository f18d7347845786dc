import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './backoff.ts';

describe('reconnectDelay', () => {
  const opts = { baseMs: 500, maxMs: 15_000 };

  it('doubles the ceiling per attempt and stays within [ceiling/2, ceiling]', () => {
    expect(reconnectDelay(0, () => 0, opts)).toBe(250);
    expect(reconnectDelay(0, () => 0.999999, opts)).toBe(500);
    expect(reconnectDelay(3, () => 0, opts)).toBe(2000);
    expect(reconnectDelay(3, () => 0.999999, opts)).toBe(4000);
  });

  it('is capped at maxMs however many attempts failed', () => {
    expect(reconnectDelay(50, () => 0.999999, opts)).toBe(15_000);
    expect(reconnectDelay(1000, () => 0, opts)).toBe(7500);
  });

  it('spreads clients: different random draws give different delays', () => {
    const delays = new Set([0.1, 0.3, 0.5, 0.7, 0.9].map((r) => reconnectDelay(4, () => r, opts)));
    expect(delays.size).toBe(5);
  });
});
