import { describe, expect, it } from 'vitest';
import { IDLE_AFTER_MS, OFFLINE_AFTER_MS, planSweep, type SweepRow } from './lifecycle-sweep.ts';

const now = Date.UTC(2026, 0, 10);
const row = (over: Partial<SweepRow> = {}): SweepRow => ({
  vpsId: 'v1',
  userId: 'u1',
  vpsName: 'box',
  status: 'ready',
  lastActivityAt: now - 1000,
  agentWorking: false,
  idleNotifiedAt: null,
  lastSeenAt: now,
  offlineNotifiedAt: null,
  ...over,
});

describe('planSweep', () => {
  it('announces idle once the last activity is over 24 h ago, with the period start', () => {
    expect(planSweep([row({ lastActivityAt: now - IDLE_AFTER_MS })], now)).toEqual([]);
    const start = now - IDLE_AFTER_MS - 1;
    expect(planSweep([row({ lastActivityAt: start })], now)).toEqual([
      { kind: 'vps.idle', row: row({ lastActivityAt: start }), since: start },
    ]);
  });

  it('never calls a VPS idle while an agent on it is working, however long without output', () => {
    const start = now - 3 * IDLE_AFTER_MS;
    expect(planSweep([row({ lastActivityAt: start, agentWorking: true })], now)).toEqual([]);
  });

  it('announces one idle period once; newer activity starts a new period', () => {
    const start = now - 2 * IDLE_AFTER_MS;
    expect(planSweep([row({ lastActivityAt: start, idleNotifiedAt: start })], now)).toEqual([]);
    const later = now - IDLE_AFTER_MS - 5;
    expect(planSweep([row({ lastActivityAt: later, idleNotifiedAt: start })], now)).toHaveLength(1);
  });

  it('announces offline after the grace period, once per offline period', () => {
    const seen = now - OFFLINE_AFTER_MS - 1;
    expect(planSweep([row({ status: 'offline', lastSeenAt: now - OFFLINE_AFTER_MS })], now)).toEqual([]);
    expect(planSweep([row({ status: 'offline', lastSeenAt: seen })], now)).toMatchObject([
      { kind: 'vps.offline', since: seen },
    ]);
    expect(planSweep([row({ status: 'offline', lastSeenAt: seen, offlineNotifiedAt: seen })], now)).toEqual([]);
  });

  it('ignores servers that are meant to be down or not up yet', () => {
    const old = now - 3 * IDLE_AFTER_MS;
    for (const status of ['powered_off', 'powering_off', 'provisioning', 'destroying']) {
      expect(planSweep([row({ status, lastActivityAt: old, lastSeenAt: old })], now)).toEqual([]);
    }
  });
});
