/** For the refreshers' tests: time that moves only when the test says. */
import type { RefreshClock } from './health-refresh.ts';

/** A clock the test moves; due timers run in time order, each followed by the promises it started. */
export function fakeClock() {
  let now = 0;
  const timers = new Set<{ at: number; run: () => void }>();
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const clock: RefreshClock = {
    now: () => now,
    after: (ms, run) => {
      const timer = { at: now + ms, run };
      timers.add(timer);
      return () => timers.delete(timer);
    },
  };
  return {
    clock,
    pending: () => timers.size,
    async advance(ms: number) {
      await settle();
      const end = now + ms;
      for (;;) {
        const next = [...timers].filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        timers.delete(next);
        now = next.at;
        next.run();
        await settle();
      }
      now = end;
      await settle();
    },
  };
}
