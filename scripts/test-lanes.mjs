/**
 * Which suites `npm test` runs side by side. By default none: one suite after another. `TEST_LANES=2` runs two lanes,
 * since the machines have two cores: one the suites that drive a whole system (a browser, `wrangler dev`, localcloud
 * droplets, a debootstrap'd root), which spend most of their time waiting on it, the other the workspaces' own suites,
 * `core`'s workerd files foremost (~1.5 cores while it runs). On a fresh clone here that takes `.ci/run` from ~18 to
 * ~13 minutes.
 *
 * The lanes' load found races one after another (each fixed, each with its regression test): localcloud's machine
 * stop killing a recycled pid (below), shells hanging in root's `~/.bashrc` (the tests' shells have homes of their
 * own), a hub alarm that a run pushed back past a wake asked for meanwhile (core/test/hub/hub-alarm.test.ts), and a
 * late answer taking a newer question's bar away (test/e2e/attention.test.ts). With those fixed, three fresh-clone
 * runs in a row passed; the next two failed once each on tests that had never failed before (test/system's scenario:
 * the gateway reconnecting right after power-on; test/e2e full-flow's `tput cols` after a resize), so the lanes stay
 * opt-in until runs under their load stay green.
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

/**
 * @param {string[]} suites every workspace with a test script, in package.json's order
 * @param {string | undefined} lanes `TEST_LANES`: '2' for two lanes, else one
 */
export function lanesOf(suites, lanes) {
  if (lanes !== '2') return [suites];
  const system = SYSTEM_SUITES.filter((ws) => suites.includes(ws));
  const after = AFTER_OWN_SUITES.filter((ws) => suites.includes(ws));
  const own = suites.filter((ws) => !SYSTEM_SUITES.includes(ws) && !AFTER_OWN_SUITES.includes(ws));
  return [system, [...own, ...after]].filter((lane) => lane.length > 0);
}
