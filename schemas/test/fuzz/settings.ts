/**
 * How long a fuzz property runs. The normal test command runs each property a fixed, small number of times
 * (`defaultRuns`); `npm run fuzz` raises every count with `VITE_FUZZ_RUNS`. `VITE_FUZZ_SEED` replays a failure:
 * fast-check's report of a failing property names its seed and path. The variables carry Vite's prefix because
 * Vite puts those on `import.meta.env` in Node and in workerd alike, and `process.env` never reaches workerd.
 */
import type { Parameters } from 'fast-check';

const env = (import.meta as { env?: Record<string, string | undefined> }).env ?? {};

function integerVariable(name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return value;
}

const runs = integerVariable('VITE_FUZZ_RUNS');
// fast-check seeds are signed 32-bit integers, as its failure report prints them.
const seed = integerVariable('VITE_FUZZ_SEED');

/** True under `npm run fuzz`: properties run `VITE_FUZZ_RUNS` times each. */
const longFuzz = runs !== undefined;

/**
 * fast-check parameters for one property: `defaultRuns` in the test command, `VITE_FUZZ_RUNS` under `npm run fuzz`
 * but never more than `maxRuns`, for a costly property whose input space that many runs already cover.
 */
export function fuzzParameters<T>(defaultRuns: number, maxRuns = Number.POSITIVE_INFINITY): Parameters<T> {
  return { numRuns: Math.min(runs ?? defaultRuns, maxRuns), ...(seed === undefined ? {} : { seed }) };
}

/** A vitest timeout for a property: the default in the test command, an hour under `npm run fuzz`. */
export function fuzzTimeout(defaultMs = 5_000): number {
  return longFuzz ? 3_600_000 : defaultMs;
}
