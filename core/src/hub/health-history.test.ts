import { message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import {
  appendHealth,
  HEALTH_HISTORY_MS,
  type HealthSample,
  healthSample,
  MAX_HEALTH_SAMPLES,
  recentHealth,
} from './health-history.ts';

const sample = (at: number, cpu = 1): HealthSample => ({
  at,
  cpu,
  mem_used: 1,
  mem_total: 4,
  disk_used: 2,
  disk_total: 8,
});

describe('health history', () => {
  it('flattens a gateway.health into a sample at the hub time', () => {
    const health = message('gateway.health', {
      gateway_id: 'g',
      cpu: 12.5,
      mem: { used: 1, total: 4 },
      disk: { used: 2, total: 8 },
      uptime: 9,
      last_activity_at: null,
    });
    expect(healthSample(health, 1000)).toEqual({
      at: 1000,
      cpu: 12.5,
      mem_used: 1,
      mem_total: 4,
      disk_used: 2,
      disk_total: 8,
    });
  });

  it('appends oldest first and drops samples an hour old or older', () => {
    let history: HealthSample[] = [];
    history = appendHealth(history, sample(0));
    history = appendHealth(history, sample(30_000));
    expect(history.map((s) => s.at)).toEqual([0, 30_000]);
    history = appendHealth(history, sample(HEALTH_HISTORY_MS));
    expect(history.map((s) => s.at)).toEqual([30_000, HEALTH_HISTORY_MS]);
  });

  it('keeps at most the newest MAX_HEALTH_SAMPLES', () => {
    let history: HealthSample[] = [];
    for (let i = 0; i < MAX_HEALTH_SAMPLES + 5; i++) history = appendHealth(history, sample(i * 1000, i));
    expect(history).toHaveLength(MAX_HEALTH_SAMPLES);
    expect(history[0]?.cpu).toBe(5);
    expect(history.at(-1)?.cpu).toBe(MAX_HEALTH_SAMPLES + 4);
  });

  it('forgets samples "from the future" after a clock step back, so the order stays oldest first', () => {
    const history = appendHealth([sample(10_000), sample(20_000)], sample(15_000));
    expect(history.map((s) => s.at)).toEqual([10_000, 15_000]);
  });

  it('reads only the last hour, so a long-offline gateway shows no stale chart', () => {
    const history = [sample(0), sample(HEALTH_HISTORY_MS / 2)];
    expect(recentHealth(history, HEALTH_HISTORY_MS).map((s) => s.at)).toEqual([HEALTH_HISTORY_MS / 2]);
    expect(recentHealth(history, 3 * HEALTH_HISTORY_MS)).toEqual([]);
  });
});
