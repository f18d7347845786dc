/**
 * Which suite `npm test` runs next in each of its two lanes (the machines have two cores). The suites that drive a
 * whole system (a browser, `wrangler dev`, localcloud droplets, a debootstrap'd root) spend most of their time waiting
 * on it, and never run beside each other; the workspaces' own suites (`core`'s workerd files foremost, ~1.5 cores
 * while it runs) run beside them. A lane that comes free takes the next whole-system suite when none runs, else the
 * next of the workspaces' own, else waits for the whole-system suite running in the other lane to end. Pulled this
 * way, the lanes end close together however long `core` takes on the day (300–390 s here, one fixed split of the
 * suites left one lane 100–170 s behind the other). On a fresh clone here `.ci/run` takes 14–15 minutes (its tests
 * ~12), one lane ~18. `TEST_LANES=1` runs one suite after another, in package.json's order (to time a suite alone, or
 * to rule the other lane out when a test fails).
 *
 * The lanes' load found races one after another (each fixed, each with its regression test): localcloud's machine
 * stop killing a recycled pid (below), shells hanging in root's `~/.bashrc` (the tests' shells have homes of their
 * own), a hub alarm that a run pushed back past a wake asked for meanwhile (core/test/hub/hub-alarm.test.ts), a
 * late answer taking a newer question's bar away (test/e2e/attention.test.ts), a command typed right after a resize
 * running at the old width (test/e2e/full-flow.test.ts waits for the pane's width), a viewer shown the previous
 * viewer's size until its own resize was answered (its terminal now says its size before it attaches). One more is
 * not explained: test/system's gateway link dropped once right after a power-on; the scenario now prints what the
 * system and the droplet's gateway logged when it fails. Two causes that fit were removed on the way: a `wrangler
 * dev` serving the production build re-bundled, dropping every socket, whenever web/.svelte-kit/ was rewritten
 * beside it (web's typecheck does; every local system now serves a copy of its build,
 * test/system/build-copy.test.ts), and a pid reused by another process could be SIGKILLed by a tmux stop (below).
 *
 * Side by side once before, test/e2e's `wrangler dev` died twice as core's suite ended. That was localcloud's
 * machine stop (core's cloud tests run localcloud) SIGKILLing every pid tmux listed for a pane, a dead pane's too,
 * whose process had been reaped long before and whose pid the machine had since given to another process: pids wrap
 * every hour or so here. A stop now signals only the tmux server and live panes, each known by pid and start time
 * (localcloud/src/tmux-server-stop.ts), and no test steers the machine's next pid any more.
 */

/** The suites that drive a whole running system, longest first (test/e2e ~540 s, test/telegram ~110 s, …). */
const SYSTEM_SUITES = ['test/e2e', 'test/telegram', 'test/droplet', 'test/system', 'test/fault'];

export const isSystemSuite = (ws) => SYSTEM_SUITES.includes(ws);

/** What is left to run, and whether a whole-system suite runs now. */
export class SuiteQueue {
  /**
   * @param {string[]} suites every workspace with a test script, in package.json's order
   */
  constructor(suites) {
    this.system = SYSTEM_SUITES.filter((ws) => suites.includes(ws));
    this.own = suites.filter((ws) => !isSystemSuite(ws));
    this.systemRunning = false;
  }

  /**
   * The suite a free lane runs next (marked as running until `finished`), `'wait'` when only whole-system suites are
   * left and one runs in the other lane, or `'done'` when nothing is left.
   * @returns {string}
   */
  take() {
    if (!this.systemRunning && this.system.length > 0) {
      this.systemRunning = true;
      return /** @type {string} */ (this.system.shift());
    }
    if (this.own.length > 0) return /** @type {string} */ (this.own.shift());
    return this.system.length > 0 ? 'wait' : 'done';
  }

  /** @param {string} ws a suite `take` gave, now ended */
  finished(ws) {
    if (isSystemSuite(ws)) this.systemRunning = false;
  }
}

/**
 * How many lanes: `TEST_LANES=1` for one, else two.
 * @param {string | undefined} lanes
 */
export const laneCount = (lanes) => (lanes === '1' ? 1 : 2);
