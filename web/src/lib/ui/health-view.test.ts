import { describe, expect, it } from 'vitest';
import { latestHealth } from './health-view.ts';

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
