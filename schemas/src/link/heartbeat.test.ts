import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock.ts';
import { Heartbeat } from './heartbeat.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(options = { intervalMs: 1000, timeoutMs: 300 }) {
  const calls = { pings: 0, dead: 0 };
  const beat = new Heartbeat(
    options,
    systemClock,
    () => calls.pings++,
    () => calls.dead++,
  );
  return { beat, calls };
}

describe('Heartbeat', () => {
  it('pings every interval and stays quiet while the peer answers', () => {
    const { beat, calls } = setup();
    beat.start();
    for (let i = 0; i < 3; i++) {
      vi.advanceTimersByTime(1000);
      beat.seen();
    }
    vi.advanceTimersByTime(999);
    expect(calls).toEqual({ pings: 3, dead: 0 });
  });

  it('declares the peer dead when nothing arrives within the timeout of a ping, and stops', () => {
    const { beat, calls } = setup();
    beat.start();
    vi.advanceTimersByTime(1299);
    expect(calls).toEqual({ pings: 1, dead: 0 });
    vi.advanceTimersByTime(1);
    expect(calls).toEqual({ pings: 1, dead: 1 });
    vi.advanceTimersByTime(10_000);
    expect(calls).toEqual({ pings: 1, dead: 1 });
  });

  it('keeps the first deadline when the timeout is longer than the interval', () => {
    const { beat, calls } = setup({ intervalMs: 100, timeoutMs: 250 });
    beat.start();
    vi.advanceTimersByTime(349);
    expect(calls).toEqual({ pings: 3, dead: 0 });
    vi.advanceTimersByTime(1);
    expect(calls.dead).toBe(1);
  });

  it('does nothing once stopped', () => {
    const { beat, calls } = setup();
    beat.start();
    vi.advanceTimersByTime(1000);
    beat.stop();
    vi.advanceTimersByTime(10_000);
    expect(calls).toEqual({ pings: 1, dead: 0 });
  });
});
