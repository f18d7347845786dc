import { describe, expect, it } from 'vitest';
import { formatBytes, formatUptime, percent, timeLeft, vpsStatusTone } from './format.ts';

describe('format', () => {
  it('formats bytes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.0 GiB');
  });

  it('formats uptime coarsely', () => {
    expect(formatUptime(59)).toBe('0m');
    expect(formatUptime(3 * 3600 + 120)).toBe('3h 2m');
    expect(formatUptime(2 * 86_400 + 5 * 3600)).toBe('2d 5h');
  });

  it('rounds percentages and survives a zero total', () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(5, 0)).toBe(0);
  });

  it('groups statuses into tones', () => {
    expect(vpsStatusTone('ready')).toBe('good');
    expect(vpsStatusTone('provisioning_timeout')).toBe('bad');
    expect(vpsStatusTone('power_on_timeout')).toBe('bad');
    expect(vpsStatusTone('powered_off')).toBe('idle');
    expect(vpsStatusTone('powering_on')).toBe('busy');
  });

  it('counts down support access', () => {
    const now = Date.parse('2026-11-24T10:00:00.000Z');
    expect(timeLeft('2026-11-25T10:00:00.000Z', now)).toBe('24 h 0 min');
    expect(timeLeft('2026-11-24T10:12:30.000Z', now)).toBe('13 min');
    expect(timeLeft('2026-11-24T09:00:00.000Z', now)).toBe('expired');
  });
});
