/**
 * Time for the link code, passed in so tests drive it. `systemClock` reads the runtime's timers at call time (not
 * at import), so fake timers installed later still apply. Browsers, Node and workerd all have `setTimeout`, but the
 * ES library this package compiles against does not declare it: hence the one typed cast below.
 */
export type TimerHandle = unknown;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

interface TimerHost {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

const host = globalThis as unknown as TimerHost;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => host.setTimeout(fn, ms),
  clearTimeout: (handle) => host.clearTimeout(handle),
};
