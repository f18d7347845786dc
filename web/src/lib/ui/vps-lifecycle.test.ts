import type { Gateway } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { isTransitional, powerAction, setupSteps } from './vps-lifecycle.ts';

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

  it('offers Power Off when running or offline and Power On when off', () => {
    expect(powerAction('ready')).toBe('off');
    expect(powerAction('offline')).toBe('off');
    expect(powerAction('powered_off')).toBe('on');
    expect(powerAction('powering_on')).toBeNull();
  });
});
