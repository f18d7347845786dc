/**
 * Which suites `npm test` runs side by side. By default none: one suite after another. `TEST_LANES=2` runs two lanes,
 * since the machines have two cores: one the suites that drive a whole system (a browser, `wrangler dev`, localcloud
 * droplets, a debootstrap'd root), which spend most of their time waiting on it, the other the workspaces' own suites,
 * `core`'s workerd files foremost (~1.5 cores while it runs). On a fresh clone here that took `.ci/run` from ~20 to
 * ~13 minutes, but under that load two tests failed once each in three runs (an e2e answer that did not reach its
 * pane; a hub test's "seen" clearing): load-bound races to fix before two lanes can be the default.
 *
 * Side by side once before, test/e2e's `wrangler dev` died twice as core's suite ended. That was localcloud's
 * machine stop (core's cloud tests run localcloud) SIGKILLing every pid tmux listed for a pane, a dead pane's too,
 * whose process had been reaped long before and whose pid the machine had since given to another process: pids wrap
 * every hour or so here. A stop now signals only the tmux server and live panes (localcloud/src/tmux-server-stop.ts).
 */

/** The suites that drive a whole running system, in the order they run. */
const SYSTEM_SUITES = ['test/e2e', 'test/droplet', 'test/system', 'test/fault'];
/**
 * Whole-system suites that run last in the other lane, once the workspaces' own are done: with all of them, the
 * system lane took ~750 s against the other's ~550 (test/e2e alone ~430–545 s beside core and the gateway suite).
 */
const AFTER_OWN_SUITES = ['test/telegram'];

/** @param {string[]} suites every workspace with a test script, in package.json's order */
export function lanesOf(suites, lanes = process.env.TEST_LANES) {
  if (lanes !== '2') return [suites];
  const system = SYSTEM_SUITES.filter((ws) => suites.includes(ws));
  const after = AFTER_OWN_SUITES.filter((ws) => suites.includes(ws));
  const own = suites.filter((ws) => !SYSTEM_SUITES.includes(ws) && !AFTER_OWN_SUITES.includes(ws));
  return [system, [...own, ...after]].filter((lane) => lane.length > 0);
}
