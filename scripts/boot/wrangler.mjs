/**
 * One-shot wrangler commands against the local D1 database: the migrations (`npm start` and every test system apply
 * them before `wrangler dev` starts) and SQL the tests seed rows with.
 */
import { spawnSync } from 'node:child_process';
import { root, wranglerBin } from './root.mjs';

/** @param {string[]} args */
function wrangler(args) {
  const result = spawnSync(wranglerBin, args, {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`wrangler ${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** `persistTo`: wrangler's --persist-to (state dir); default .wrangler/state. */
const persist = (/** @type {string | undefined} */ persistTo) => (persistTo ? ['--persist-to', persistTo] : []);

/** @param {{ persistTo?: string }} options */
export function applyMigrations({ persistTo }) {
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', ...persist(persistTo)]);
}

/** @param {{ persistTo?: string, sql: string }} options */
export function executeSql({ persistTo, sql }) {
  wrangler(['d1', 'execute', 'DB', '--local', ...persist(persistTo), '--command', sql]);
}
