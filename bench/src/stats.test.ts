import { describe, expect, it } from 'vitest';
import { max, median, mibPerSecond, percentile } from './stats.ts';

describe('percentile', () => {
  it('takes the nearest rank, so the result is always one of the samples', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(percentile(samples, 50)).toBe(3);
    expect(percentile(samples, 99)).toBe(5);
    expect(percentile(samples, 100)).toBe(5);
    expect(percentile(samples, 1)).toBe(1);
  });

  it('p99 of 1,000 samples is the 990th smallest', () => {
    const samples = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(percentile(samples, 99)).toBe(990);
    expect(percentile(samples, 50)).toBe(500);
  });

  it('does not reorder the caller’s array', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses no samples and percentiles outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('median, max, mibPerSecond', () => {
  it('median of an even count is the lower middle (nearest rank)', () => {
    expect(median([4, 1, 3, 2])).toBe(2);
  });

  it('max', () => {
    expect(max([2, 9, 4])).toBe(9);
    expect(() => max([])).toThrow(RangeError);
  });

  it('50 MiB in 2 s is 25 MiB/s', () => {
    expect(mibPerSecond(50 * 1024 * 1024, 2000)).toBe(25);
    expect(() => mibPerSecond(1, 0)).toThrow(RangeError);
  });
});
