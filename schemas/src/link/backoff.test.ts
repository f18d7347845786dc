import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

const policy = { baseMs: 500, capMs: 30_000 };

describe('backoffDelay', () => {
  it('doubles per attempt up to the cap', () => {
    expect([0, 1, 3, 20, 1000].map((a) => backoffDelay(a, policy, () => 1))).toEqual([500, 1000, 4000, 30_000, 30_000]);
  });

  it('waits at least half the ceiling, so no retry is instant', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(250);
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
  });

  it('stays within [ceiling / 2, ceiling] for any attempt and any random value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 100 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
        const delay = backoffDelay(attempt, policy, () => r);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(delay).toBeLessThanOrEqual(ceiling);
      }),
    );
  });

  it('a policy whose base is its cap waits the same whatever the attempt', () => {
    const slow = { baseMs: 600_000, capMs: 600_000 };
    expect(backoffDelay(0, slow, () => 0)).toBe(300_000);
    expect(backoffDelay(9, slow, () => 0)).toBe(300_000);
  });

  it('with full jitter, waits anywhere below the ceiling, rounded down', () => {
    const full = { ...policy, jitter: 'full' } as const;
    expect([0, 1, 2, 6].map((a) => backoffDelay(a, full, () => 0.999999))).toEqual([499, 999, 1999, 29_999]);
    expect(backoffDelay(3, full, () => 0)).toBe(0);
  });
});
