import { vpsStatuses } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { POWER_ON_TIMEOUT_MS, powerInDoubt, powerOnTimedOut, statusFromPower } from './power-sync.ts';

describe('statusFromPower', () => {
  it('turns a droplet found off into powered_off, from ready or offline only', () => {
    expect(statusFromPower('ready', 'off')).toBe('powered_off');
    expect(statusFromPower('offline', 'off')).toBe('powered_off');
    for (const status of vpsStatuses.filter((s) => s !== 'ready' && s !== 'offline')) {
      expect(statusFromPower(status, 'off'), status).toBeNull();
    }
  });

  it('turns a powered-off VPS found running into offline, until its gateway says hello', () => {
    expect(statusFromPower('powered_off', 'on')).toBe('offline');
    for (const status of vpsStatuses.filter((s) => s !== 'powered_off')) {
      expect(statusFromPower(status, 'on'), status).toBeNull();
    }
  });
});

describe('powerInDoubt', () => {
  it('asks the cloud only when no connected gateway proves the droplet runs', () => {
    expect(powerInDoubt('offline', false)).toBe(true);
    expect(powerInDoubt('powered_off', false)).toBe(true);
    expect(powerInDoubt('ready', false)).toBe(true);
    expect(powerInDoubt('ready', true)).toBe(false);
    for (const status of [
      'provisioning',
      'powering_off',
      'powering_on',
      'destroying',
      'provisioning_timeout',
    ] as const) {
      expect(powerInDoubt(status, false), status).toBe(false);
    }
  });
});

describe('powerOnTimedOut', () => {
  it('times out powering_on at the deadline, nothing else', () => {
    const at = 1_000_000;
    expect(powerOnTimedOut('powering_on', at, at + POWER_ON_TIMEOUT_MS - 1)).toBe(false);
    expect(powerOnTimedOut('powering_on', at, at + POWER_ON_TIMEOUT_MS)).toBe(true);
    expect(powerOnTimedOut('offline', at, at + 10 * POWER_ON_TIMEOUT_MS)).toBe(false);
  });
});
