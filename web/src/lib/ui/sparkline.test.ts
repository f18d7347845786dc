import { describe, expect, it } from 'vitest';
import { sparklinePath, sparklineSummary } from './sparkline.ts';

describe('sparklinePath', () => {
  it('spreads the points over time, left to right, 0 % at the bottom', () => {
    const points = [
      { at: 1000, value: 0 },
      { at: 2000, value: 50 },
      { at: 5000, value: 100 },
    ];
    expect(sparklinePath(points, 120, 30)).toBe('M0 30 L30 15 L120 0');
  });

  it('places points by time, so a gap in reports shows as a longer segment', () => {
    const points = [
      { at: 0, value: 10 },
      { at: 30_000, value: 10 },
      { at: 120_000, value: 10 },
    ];
    expect(sparklinePath(points, 120, 10)).toBe('M0 9 L30 9 L120 9');
  });

  it('clamps values outside 0–100 to the box', () => {
    const points = [
      { at: 0, value: -5 },
      { at: 1, value: 140 },
    ];
    expect(sparklinePath(points, 10, 20)).toBe('M0 20 L10 0');
  });

  it('draws one point as a flat line, points at one instant by their order, and nothing as nothing', () => {
    expect(sparklinePath([{ at: 0, value: 25 }], 100, 40)).toBe('M0 30 L100 30');
    expect(
      sparklinePath(
        [
          { at: 7, value: 0 },
          { at: 7, value: 100 },
        ],
        100,
        40,
      ),
    ).toBe('M0 40 L100 0');
    expect(sparklinePath([], 100, 40)).toBe('');
  });
});

describe('sparklineSummary', () => {
  it('names the range in whole percent', () => {
    const points = [
      { at: 0, value: 12.4 },
      { at: 1, value: 3.2 },
      { at: 2, value: 39.6 },
    ];
    expect(sparklineSummary('CPU', points)).toBe('CPU over the last hour: min 3 %, max 40 %');
  });

  it('says when there is nothing to chart', () => {
    expect(sparklineSummary('Memory', [])).toBe('Memory over the last hour: no samples yet');
  });
});
