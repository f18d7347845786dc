import { vpsStatuses } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { planPower } from './power.ts';

describe('planPower', () => {
  it('powers off a running or offline server, on a powered-off one', () => {
    expect(planPower('ready', 'off')).toEqual({ during: 'powering_off', after: 'powered_off' });
    expect(planPower('offline', 'off')).toEqual({ during: 'powering_off', after: 'powered_off' });
    expect(planPower('powered_off', 'on')).toEqual({ during: 'powering_on', after: 'powering_on' });
  });

  it('powers a server whose power-on timed out on again (Retry), or off', () => {
    expect(planPower('power_on_timeout', 'on')).toEqual({ during: 'powering_on', after: 'powering_on' });
    expect(planPower('power_on_timeout', 'off')).toEqual({ during: 'powering_off', after: 'powered_off' });
  });

  it('refuses every other combination', () => {
    const allowed = new Set([
      'ready:off',
      'offline:off',
      'powered_off:on',
      'power_on_timeout:on',
      'power_on_timeout:off',
    ]);
    for (const status of vpsStatuses) {
      for (const action of ['off', 'on'] as const) {
        if (!allowed.has(`${status}:${action}`)) expect(planPower(status, action)).toBeNull();
      }
    }
  });
});
