import type { Health } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_INTERVAL_MS, isStale, latestHealth, newestHealth, reportInterval } from './health-view.ts';

const report = {
  type: 'gateway.health' as const,
  schema_version: '1' as const,
  gateway_id: 'gw_1',
  cpu: 12.5,
  mem: { used: 1024, total: 4096 },
  disk: { used: 10, total: 100 },
  uptime: 3600,
  last_activity_at: null,
};
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const health = (at: number): Health => {
  const { cpu, mem, disk, uptime, last_activity_at } = report;
  return { cpu, mem, disk, uptime, last_activity_at, reported_at: iso(at) };
};
const samples = (...offsets: number[]) => offsets.map((ms) => ({ at: iso(T0 + ms) }));

describe('latestHealth', () => {
  it('is the report without its envelope, reported when the hub received it', () => {
    expect(latestHealth({ health: report, health_at: '2026-01-01T00:00:00.000Z' })).toEqual({
      cpu: 12.5,
      mem: { used: 1024, total: 4096 },
      disk: { used: 10, total: 100 },
      uptime: 3600,
      last_activity_at: null,
      reported_at: '2026-01-01T00:00:00.000Z',
    });
  });

  it('is null before the first report', () => {
    expect(latestHealth({ health: null, health_at: null })).toBeNull();
    expect(latestHealth({ health: report, health_at: null })).toBeNull();
  });
});

describe('newestHealth', () => {
  it('takes the later report of the two routes, or the one there is', () => {
    const older = health(T0);
    const newer = health(T0 + 30_000);
    expect(newestHealth(older, newer)).toBe(newer);
    expect(newestHealth(newer, older)).toBe(newer);
    expect(newestHealth(null, older)).toBe(older);
    expect(newestHealth(older, null)).toBe(older);
    expect(newestHealth(null, null)).toBeNull();
  });
});

describe('reportInterval', () => {
  it('is the median gap between the recent samples', () => {
    expect(reportInterval(samples(0, 30_000, 60_000, 90_000))).toBe(30_000);
    expect(reportInterval(samples(0, 2_000, 4_000, 6_000, 8_000))).toBe(2_000);
  });

  it('is not moved by one early report after a reconnect, nor by an offline gap', () => {
    expect(reportInterval(samples(0, 30_000, 600_000, 600_500, 630_000, 660_000))).toBe(30_000);
  });

  it('is the gateway default without two samples', () => {
    expect(reportInterval([])).toBe(DEFAULT_REPORT_INTERVAL_MS);
    expect(reportInterval(samples(0))).toBe(DEFAULT_REPORT_INTERVAL_MS);
  });
});

describe('isStale', () => {
  it('marks a report older than two intervals when the server last answered', () => {
    const h = health(T0);
    expect(isStale(h, T0 + 60_000, 30_000)).toBe(false);
    expect(isStale(h, T0 + 60_001, 30_000)).toBe(true);
    expect(isStale(h, T0 + 4_001, 2_000)).toBe(true);
  });

  it('is fresh for a report newer than the answer it is judged by', () => {
    expect(isStale(health(T0 + 1_000), T0, 30_000)).toBe(false);
  });
});
