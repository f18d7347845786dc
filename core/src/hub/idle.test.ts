import { describe, expect, it } from 'vitest';
import { ACTIVITY_GRAIN_MS, activityMark, planIdle } from './idle.ts';

const IDLE = 600_000;

describe('planIdle', () => {
  it('closes subscribers whose newest heartbeat is older than the idle period', () => {
    const now = 10_000_000;
    const plan = planIdle(
      [
        { id: 'old', lastActiveAt: now - IDLE - 1, lastPingAt: null },
        { id: 'pinged', lastActiveAt: now - IDLE - 1, lastPingAt: now - 1000 },
        { id: 'typing', lastActiveAt: now - 5000, lastPingAt: null },
        { id: 'exact', lastActiveAt: now - IDLE, lastPingAt: now - IDLE },
      ],
      now,
      IDLE,
    );
    expect(plan.close).toEqual(['old', 'exact']);
    expect(plan.nextCheckAt).toBe(now - 5000 + IDLE);
  });

  it('needs no further check once nobody is left', () => {
    expect(planIdle([], 1, IDLE)).toEqual({ close: [], nextCheckAt: null });
    expect(planIdle([{ id: 'a', lastActiveAt: 0, lastPingAt: null }], IDLE, IDLE)).toEqual({
      close: ['a'],
      nextCheckAt: null,
    });
  });
});

describe('activityMark', () => {
  it('rounds up to the grain, so a heartbeat is never kept as older than it was', () => {
    expect(activityMark(0)).toBe(0);
    expect(activityMark(1)).toBe(ACTIVITY_GRAIN_MS);
    expect(activityMark(ACTIVITY_GRAIN_MS)).toBe(ACTIVITY_GRAIN_MS);
    expect(activityMark(ACTIVITY_GRAIN_MS + 1)).toBe(2 * ACTIVITY_GRAIN_MS);
  });

  it('changes once per grain while heartbeats keep coming', () => {
    const start = 7 * ACTIVITY_GRAIN_MS + 123;
    const marks = new Set(Array.from({ length: 600 }, (_, i) => activityMark(start + i * 100)));
    expect(marks.size).toBe(2);
  });
});
