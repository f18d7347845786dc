import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, REJECTED_BACKOFF } from './backoff.ts';

describe('backoffDelayMs', () => {
  it('doubles per attempt and is capped at 30 s', () => {
    expect(backoffDelayMs(0, () => 1)).toBe(500);
    expect(backoffDelayMs(1, () => 1)).toBe(1000);
    expect(backoffDelayMs(3, () => 1)).toBe(4000);
    expect(backoffDelayMs(20, () => 1)).toBe(30_000);
    expect(backoffDelayMs(1000, () => 1)).toBe(30_000);
  });

  it('jitters within the upper half of the ceiling', () => {
    fc.assert(
      fc.property(fc.nat(100), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const ceiling = Math.min(30_000, 500 * 2 ** Math.min(attempt, 30));
        const d = backoffDelayMs(attempt, () => r);
        expect(d).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(d).toBeLessThanOrEqual(30_000);
      }),
    );
  });

  it('starts slower after a refused token', () => {
    expect(backoffDelayMs(0, () => 0, REJECTED_BACKOFF)).toBe(2500);
  });
});
