/**
 * Fault: `wrangler dev` restarted — the control plane killed and started again on the same port with the same local
 * state (D1, the hub's Durable Object storage). Nobody is told: the gateway's link and the viewers' sockets just
 * die, and each finds its way back with its own backoff. The viewers are the web app's SessionLink; their backoff
 * is capped at 2 s instead of the page's 15 s only to keep the test short.
 */
import { expect, it } from 'vitest';
import { countsFromOne, numbered } from './numbered.ts';
import type { FaultSuite } from './suite.ts';
import type { Viewer } from './viewer.ts';

/** Beats a viewer must see after the restart: the stream is live again, not just replayed. */
const BEATS_AFTER = 10;

/** Ctrl-C presses before the clock is taken to ignore interrupts (it never has: one is always enough or none is). */
const INTERRUPT_TRIES = 3;

/**
 * Ctrl-C, then a command that can only run once the clock has stopped. On a loaded machine, about one run in
 * twenty, a Ctrl-C typed right after the outage stopped nothing although it went the whole way (logged by the
 * gateway as written to tmux's client, and read off that client's tty by tmux), while the same keys a few seconds
 * later worked; so a press that changes nothing is pressed again, a few times at most. Each press still goes
 * viewer → Worker → hub → gateway → tmux: input that did not work after the restart fails the test.
 */
async function stopTheClock(viewer: Viewer): Promise<void> {
  for (let press = 1; ; press++) {
    viewer.type('\x03');
    viewer.type('echo back-$((2+3))\r');
    try {
      await viewer.until('the clock stopped', () => viewer.screen.includes('back-5'), 10_000);
      return;
    } catch (error) {
      if (press === INTERRUPT_TRIES) throw error;
    }
  }
}

export function controlPlaneRestartCases(suite: FaultSuite): void {
  it('the gateway and the viewers reconnect on their own, and the session goes on with nothing lost', async () => {
    const { stack } = suite;
    const session = await stack.createShell('restart');
    const viewers = [suite.viewer(session), suite.viewer(session)] as const;
    const [first] = viewers;
    for (const v of viewers) await v.until('attached', () => v.received('session.snapshot').length === 1);
    // A clock that ticks through the outage: every beat must reach both terminals, in order, once. It runs in a
    // subshell so the Ctrl-C below always finds it: a loop run by the interactive shell itself has a window, after
    // each `sleep` exits and before the shell takes the terminal back, in which the terminal's foreground process
    // group is empty and a Ctrl-C is lost (the gateway and tmux had passed it on; seen on a loaded machine).
    first.type('(i=0; while :; do i=$((i+1)); echo beat-$i; sleep 0.05; done)\r');
    await first.until('beating', () => numbered(first.screen, 'beat').length >= 5);

    await stack.system.restart();
    // New beats can only come through the gateway's new link to the new hub: they show that it is back, too.
    const lastBefore = Math.max(...viewers.map((v) => numbered(v.screen, 'beat').length));
    const beatingAgain = (v: Viewer) => numbered(v.screen, 'beat').length >= lastBefore + BEATS_AFTER;
    for (const v of viewers) await v.until('beating again after the restart', () => beatingAgain(v), 60_000);
    await first.until('connected', () => first.state?.status === 'connected');
    await stopTheClock(first);
    for (const v of viewers) await v.until('input works again', () => v.screen.includes('back-5'));

    for (const v of viewers) {
      // Each viewer dialled again by itself, and the gateway replayed what it missed: no snapshot, no reset.
      expect(v.opens).toBeGreaterThanOrEqual(2);
      expect(v.received('session.snapshot')).toHaveLength(1);
      expect(v.resets).toBe(1);
      expect(countsFromOne(numbered(v.screen, 'beat'))).toBe(true);
    }
  });
}
