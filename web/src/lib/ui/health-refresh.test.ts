import { describe, expect, it } from 'vitest';
import { fakeClock } from './fake-clock.ts';
import { HealthRefresh } from './health-refresh.ts';

/** A load that records when it started and finishes when the test says (or at once). */
function loads(time: ReturnType<typeof fakeClock>, { manual = false } = {}) {
  const started: number[] = [];
  const finish: (() => void)[] = [];
  const load = () => {
    started.push(time.clock.now());
    return manual ? new Promise<void>((resolve) => finish.push(resolve)) : Promise.resolve();
  };
  return { load, started, finish };
}

describe('HealthRefresh', () => {
  it('refreshes a period after the page load, then every period while visible', async () => {
    const time = fakeClock();
    const { load, started } = loads(time);
    new HealthRefresh(load, { visible: true, clock: time.clock, intervalMs: 30_000 });
    await time.advance(29_999);
    expect(started).toEqual([]);
    await time.advance(60_001);
    expect(started).toEqual([30_000, 60_000, 90_000]);
  });

  it('runs one request at a time: the next period starts when a slow one finishes', async () => {
    const time = fakeClock();
    const { load, started, finish } = loads(time, { manual: true });
    new HealthRefresh(load, { visible: true, clock: time.clock, intervalMs: 30_000 });
    await time.advance(30_000);
    await time.advance(50_000);
    expect(started).toEqual([30_000]);
    finish[0]?.();
    await time.advance(30_000);
    expect(started).toEqual([30_000, 110_000]);
  });

  it('asks nothing while hidden; back after a period it refreshes at once, sooner it waits the rest', async () => {
    const time = fakeClock();
    const { load, started } = loads(time);
    const refresh = new HealthRefresh(load, { visible: true, clock: time.clock, intervalMs: 30_000 });
    refresh.setVisible(false);
    await time.advance(100_000);
    expect(started).toEqual([]);
    expect(time.pending()).toBe(0);
    refresh.setVisible(true);
    await time.advance(0);
    expect(started).toEqual([100_000]);
    await time.advance(10_000);
    refresh.setVisible(false);
    await time.advance(5_000);
    refresh.setVisible(true);
    await time.advance(14_999);
    expect(started).toEqual([100_000]);
    await time.advance(1);
    expect(started).toEqual([100_000, 130_000]);
  });

  it('starts hidden without asking, and showing twice schedules once', async () => {
    const time = fakeClock();
    const { load, started } = loads(time);
    const refresh = new HealthRefresh(load, { visible: false, clock: time.clock, intervalMs: 30_000 });
    expect(time.pending()).toBe(0);
    refresh.setVisible(true);
    refresh.setVisible(true);
    expect(time.pending()).toBe(1);
    await time.advance(30_000);
    expect(started).toEqual([30_000]);
  });

  it('keeps going after a failed request', async () => {
    const time = fakeClock();
    const started: number[] = [];
    const load = () => {
      started.push(time.clock.now());
      return Promise.reject(new Error('network'));
    };
    new HealthRefresh(load, { visible: true, clock: time.clock, intervalMs: 30_000 });
    await time.advance(60_000);
    expect(started).toEqual([30_000, 60_000]);
  });

  it('stops for good: no timer left, and a request in flight schedules nothing when it ends', async () => {
    const time = fakeClock();
    const { load, started, finish } = loads(time, { manual: true });
    const refresh = new HealthRefresh(load, { visible: true, clock: time.clock, intervalMs: 30_000 });
    await time.advance(30_000);
    refresh.stop();
    finish[0]?.();
    refresh.setVisible(true);
    await time.advance(120_000);
    expect(started).toEqual([30_000]);
    expect(time.pending()).toBe(0);
  });
});
