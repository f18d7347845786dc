import type { CpuInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { cpuPercent, sampleCpu } from './cpu.ts';

const core = (user: number, idle: number): CpuInfo => ({
  model: 'x',
  speed: 1,
  times: { user, nice: 0, sys: 0, idle, irq: 0 },
});

describe('cpuPercent', () => {
  it('is the busy share of all cores between two samples', () => {
    const before = sampleCpu([core(100, 100), core(100, 100)]);
    const after = sampleCpu([core(200, 100), core(100, 200)]);
    expect(cpuPercent(before, after)).toBe(50);
  });

  it('is 0 when no time passed', () => {
    const s = sampleCpu([core(1, 1)]);
    expect(cpuPercent(s, s)).toBe(0);
  });
});
