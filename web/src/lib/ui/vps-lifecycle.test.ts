import type { Gateway } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { gatewayOffline, isTransitional, powerAction, powerOffQuestion, setupSteps } from './vps-lifecycle.ts';

const gateway: Gateway = { id: 'g', version: '0.1.0', connected: false, last_seen_at: null };

describe('vps lifecycle', () => {
  it('polls only while the server is on its way somewhere', () => {
    expect(isTransitional('provisioning')).toBe(true);
    expect(isTransitional('powering_on')).toBe(true);
    expect(isTransitional('ready')).toBe(false);
    expect(isTransitional('provisioning_timeout')).toBe(false);
  });

  it('shows setup steps while provisioning', () => {
    expect(setupSteps({ status: 'provisioning', gateway: null })?.map((s) => s.state)).toEqual([
      'done',
      'current',
      'waiting',
    ]);
    expect(setupSteps({ status: 'provisioning', gateway })?.map((s) => s.state)).toEqual(['done', 'done', 'current']);
    expect(setupSteps({ status: 'ready', gateway })).toBeNull();
  });

  it('marks the step that timed out as failed', () => {
    expect(setupSteps({ status: 'provisioning_timeout', gateway: null })?.map((s) => s.state)).toEqual([
      'done',
      'failed',
      'waiting',
    ]);
  });

  it('does not count a gateway record that never reported in as installed', () => {
    const unheard: Gateway = { id: 'g', version: null, connected: false, last_seen_at: null };
    expect(setupSteps({ status: 'provisioning', gateway: unheard })?.map((s) => s.state)).toEqual([
      'done',
      'current',
      'waiting',
    ]);
    expect(setupSteps({ status: 'provisioning_timeout', gateway: unheard })?.map((s) => s.state)).toEqual([
      'done',
      'failed',
      'waiting',
    ]);
  });

  it('offers Power Off when running or offline and Power On when off', () => {
    expect(powerAction('ready')).toBe('off');
    expect(powerAction('offline')).toBe('off');
    expect(powerAction('powered_off')).toBe('on');
    expect(powerAction('powering_on')).toBeNull();
  });

  it('offers Power Off beside Retry when a power-on timed out (the droplet may run and bill)', () => {
    expect(powerAction('power_on_timeout')).toBe('off');
    expect(isTransitional('power_on_timeout')).toBe(false);
  });

  it('offers the console when the droplet should be on but its gateway is not connected', () => {
    const connected: Gateway = { ...gateway, connected: true };
    expect(gatewayOffline({ status: 'offline', gateway })).toBe(true);
    expect(gatewayOffline({ status: 'power_on_timeout', gateway })).toBe(true);
    expect(gatewayOffline({ status: 'ready', gateway })).toBe(true);
    expect(gatewayOffline({ status: 'ready', gateway: connected })).toBe(false);
    for (const status of ['powered_off', 'powering_on', 'powering_off', 'provisioning', 'destroying'] as const) {
      expect(gatewayOffline({ status, gateway }), status).toBe(false);
    }
  });

  it("asks before a power off with the server's name and the billing copy of seed §9.2", () => {
    expect(powerOffQuestion('box')).toBe(
      'Power off box? Running sessions stop until you power it on again. Compute billing stops. Storage and reserved IP continue to be billed. To stop all charges, destroy the droplet.',
    );
  });
});
