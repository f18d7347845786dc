/** Summary statistics over samples (milliseconds, MiB/s…): nearest-rank percentiles, as latency tools report them. */

/** The p-th percentile (0 < p ≤ 100) by nearest rank: a value that was actually measured, never interpolated. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1] as number;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function max(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('max of no samples');
  return samples.reduce((a, b) => Math.max(a, b));
}

export const MIB = 1024 * 1024;
export const toMiB = (bytes: number) => bytes / MIB;

/** Throughput in MiB/s of `bytes` moved in `ms` milliseconds. */
export function mibPerSecond(bytes: number, ms: number): number {
  if (ms <= 0) throw new RangeError(`duration must be positive, got ${ms}`);
  return bytes / MIB / (ms / 1000);
}
