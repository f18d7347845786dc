/**
 * Which suites `npm test` runs side by side. Two lanes, since the machines have two cores: one runs the suites that
 * drive a whole system (a browser, `wrangler dev`, localcloud droplets, a debootstrap'd root), which spend most of
 * their time waiting on it; the other the workspaces' own suites, `core`'s workerd files foremost (~1.5 cores while
 * it runs). On a fresh clone here that takes `.ci/run` from ~18 to ~13 minutes. `TEST_LANES=1` runs one suite after
 * another (to time a suite alone, or to rule the other lane out when a test fails).
 *
 * The lanes' load found races one after another (each fixed, each with its regression test): localcloud's machine
 * stop killing a recycled pid (below), shells hanging in root's `~/.bashrc` (the tests' shells have homes of their
 * own), a hub alarm that a run pushed back past a wake asked for meanwhile (core/test/hub/hub-alarm.test.ts), a
 * late answer taking a newer question's bar away (test/e2e/attention.test.ts), a command typed right after a resize
 * running at the old width (test/e2e/full-flow.test.ts waits for the pane's width). One more is not explained:
 * test/system's gateway link dropped once right after a power-on; the scenario now prints what the system and the
 * droplet's gateway logged when it fails. Two causes that fit were removed on the way: a `wrangler dev` serving the
 * production build re-bundled, dropping every socket, whenever web/.svelte-kit/ was rewritten beside it (web's
 * typecheck does; every local system now serves a copy of its build, test/system/build-copy.test.ts), and a pid
 * reused by another process could be SIGKILLed by a tmux stop (below).
 *
 * Side by side once before, test/e2e's `wrangler dev` died twice as core's suite ended. That was localcloud's
 * machine stop (core's cloud tests run localcloud) SIGKILLing every pid tmux listed for a pane, a dead pane's too,
 * whose process had been reaped long before and whose pid the machine had since given to another process: pids wrap
 * every hour or so here. A stop now signals only the tmux server and live panes, each known by pid and start time
 * (localcloud/src/tmux-server-stop.ts), and no test steers the machine's next pid any more.
 */

/** The suites that drive a whole running system, in the order they run. */
const SYSTEM_SUITES = ['test/e2e', 'test/droplet', 'test/system', 'test/fault'];
/**
 * Whole-system suites that run last in the other lane, once the workspaces' own are done: with all of them, the
 * system lane took ~750 s against the other's ~550 (test/e2e alone ~430–545 s beside core and the gateway suite).
 */
const AFTER_OWN_SUITES = ['test/telegram'];

/**
 * @param {string[]} suites every workspace with a test script, in package.json's order
 * @param {string | undefined} lanes `TEST_LANES`: '1' for one lane, else two
 */
export function lanesOf(suites, lanes) {
  if (lanes === '1') return [suites];
  const system = SYSTEM_SUITES.filter((ws) => suites.includes(ws));
  const after = AFTER_OWN_SUITES.filter((ws) => suites.includes(ws));
  const own = suites.filter((ws) => !SYSTEM_SUITES.includes(ws) && !AFTER_OWN_SUITES.includes(ws));
  return [system, [...own, ...after]].filter((lane) => lane.length > 0);
}
