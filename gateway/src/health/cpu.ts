/** CPU use as a percent of all cores between two samples of the kernel's per-core time counters. */
import type { CpuInfo } from 'node:os';

export interface CpuSample {
  idle: number;
  total: number;
}

export function sampleCpu(cpus: CpuInfo[]): CpuSample {
  let idle = 0;
  let total = 0;
  for (const { times } of cpus) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, total };
}

/** Percent busy between `before` and `after`, 0–100 with one decimal; 0 when no time passed. */
export function cpuPercent(before: CpuSample, after: CpuSample): number {
  const total = after.total - before.total;
  if (total <= 0) return 0;
  const busy = total - (after.idle - before.idle);
  return Math.round(Math.min(Math.max(busy / total, 0), 1) * 1000) / 10;
}
