/**
 * Which suites `npm test` runs side by side. Two lanes, since the machines have two cores: one runs the suites that
 * drive a whole system (a browser, `wrangler dev`, localcloud droplets, a debootstrap'd root), which spend most of
 * their time waiting on it — `test/e2e` alone took 577 s of wall time for ~400 s of CPU; the other runs the
 * workspaces' own suites, `core`'s workerd files foremost (~1.5 cores while it runs). Measured side by side: core
 * 305 → 431 s, test/e2e's files ~1.25× their time alone, every test green; the run as a whole ends minutes sooner
 * than one suite after another. `TEST_LANES=1` runs everything in one lane, one suite after another (to time a suite
 * alone, or to rule the other lane out when a test fails).
 */

/** The suites that drive a whole running system, in the order they run. */
const SYSTEM_SUITES = ['test/e2e', 'test/telegram', 'test/droplet', 'test/system', 'test/fault'];

/** @param {string[]} suites every workspace with a test script, in package.json's order */
export function lanesOf(suites, lanes = process.env.TEST_LANES) {
  if (lanes === '1') return [suites];
  const system = SYSTEM_SUITES.filter((ws) => suites.includes(ws));
  const own = suites.filter((ws) => !SYSTEM_SUITES.includes(ws));
  return [system, own].filter((lane) => lane.length > 0);
}
