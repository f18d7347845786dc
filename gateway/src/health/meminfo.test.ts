import { describe, expect, it } from 'vitest';
import { memoryFromMeminfo } from './meminfo.ts';

describe('memoryFromMeminfo', () => {
  it('counts used as total minus available', () => {
    const text = 'MemTotal:        2000 kB\nMemFree:          100 kB\nMemAvailable:     500 kB\n';
    expect(memoryFromMeminfo(text, 1, 1)).toEqual({ used: 1500 * 1024, total: 2000 * 1024 });
  });

  it('falls back to the os numbers without /proc/meminfo', () => {
    expect(memoryFromMeminfo(undefined, 1000, 400)).toEqual({ used: 600, total: 1000 });
  });
});
