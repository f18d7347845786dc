import { describe, expect, it } from 'vitest';
import { type AutoPowerOffRow, HOUR_MS, isDue, isUnwatched, unattendedSince } from './auto-power-off-plan.ts';

const now = 100 * HOUR_MS;
const row = (over: Partial<AutoPowerOffRow> = {}): AutoPowerOffRow => ({
  hours: 2,
  lastActivityAt: now - 3 * HOUR_MS,
  updatedAt: now - 10 * HOUR_MS,
  lastAgentStateAt: now - 4 * HOUR_MS,
  agentWorking: false,
  continuePending: false,
  ...over,
});

describe('the opt-in power-off rule', () => {
  it('counts from the latest of terminal activity, the row’s last change and an agent’s last state change', () => {
    expect(unattendedSince(row())).toBe(now - 3 * HOUR_MS);
    expect(unattendedSince(row({ lastActivityAt: null }))).toBe(now - 4 * HOUR_MS);
    expect(unattendedSince(row({ lastActivityAt: null, lastAgentStateAt: null }))).toBe(now - 10 * HOUR_MS);
    expect(unattendedSince(row({ updatedAt: now - HOUR_MS }))).toBe(now - HOUR_MS);
  });

  it('is due once the chosen hours have passed unattended, to the millisecond', () => {
    expect(isDue(row(), now)).toBe(true);
    expect(isDue(row({ hours: 3 }), now)).toBe(true);
    expect(isDue(row({ hours: 3 }), now - 1)).toBe(false);
    expect(isDue(row({ hours: 4 }), now)).toBe(false);
  });

  it('is never due while an agent works, however quiet, or while a continue-at-reset waits', () => {
    expect(isDue(row({ agentWorking: true, lastActivityAt: 0, lastAgentStateAt: 0 }), now)).toBe(false);
    expect(isDue(row({ continuePending: true }), now)).toBe(false);
  });

  it('needs nobody watching now and nobody for the chosen hours', () => {
    expect(isUnwatched({ viewers: 0, lastViewerAt: null }, 2, now)).toBe(true);
    expect(isUnwatched({ viewers: 0, lastViewerAt: now - 2 * HOUR_MS }, 2, now)).toBe(true);
    expect(isUnwatched({ viewers: 0, lastViewerAt: now - 2 * HOUR_MS + 1 }, 2, now)).toBe(false);
    expect(isUnwatched({ viewers: 1, lastViewerAt: 0 }, 2, now)).toBe(false);
  });
});
