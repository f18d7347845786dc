import { describe, expect, it } from 'vitest';
import { fakeClock } from './fake-clock.ts';
import { UpdatePoll } from './update-poll.ts';

describe('UpdatePoll', () => {
  it('re-reads every 2 s while visible, pauses while hidden, and stops at its bound', async () => {
    const time = fakeClock();
    const started: number[] = [];
    const poll = new UpdatePoll(
      async () => {
        started.push(time.clock.now());
      },
      { visible: true, clock: time.clock, maxMs: 10_000 },
    );
    await time.advance(4000);
    expect(started).toEqual([2000, 4000]);
    poll.setVisible(false);
    await time.advance(4000);
    expect(started).toEqual([2000, 4000]);
    poll.setVisible(true);
    await time.advance(0);
    expect(started).toEqual([2000, 4000, 8000]);
    await time.advance(60_000);
    expect(started).toEqual([2000, 4000, 8000]);
    expect(time.pending()).toBe(0);
  });

  it('asks nothing after stop()', async () => {
    const time = fakeClock();
    let calls = 0;
    const poll = new UpdatePoll(
      async () => {
        calls++;
      },
      { visible: true, clock: time.clock },
    );
    poll.stop();
    await time.advance(60_000);
    expect(calls).toBe(0);
  });
});
