import { describe, expect, it } from 'vitest';
import { planIdle } from './idle.ts';

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
