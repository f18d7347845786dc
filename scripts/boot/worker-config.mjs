/**
 * A wrangler config that serves the web app's test build: the root wrangler.toml with `@vibecode/web/worker` aliased
 * to the test build's SvelteKit worker and `[assets]` to its client files (web/build/e2e/), so a test system serves
 * the build with the Terminal's test hook while web/build/ — what `npm start` serves — stays the production one.
 * `wrangler dev` has no `--alias` flag (only deploy has), hence a generated file. Its paths are absolute, so it can
 * live in the caller's state dir; wrangler reads no `.dev.vars` there: the caller passes the secrets as vars.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './root.mjs';
import { copyTestBuild } from './web-build.mjs';

/**
 * wrangler.toml as wrangler parses it, read in a child process: importing wrangler's CLI bundle installs process-wide
 * signal handlers (a SIGTERM then exits at once), which would cut `npm start`'s own orderly stop short.
 */
function readRootConfig() {
  const read = `import { experimental_readRawConfig as read } from 'wrangler';
process.stdout.write(JSON.stringify(read({ config: process.argv[1] }).rawConfig));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', read, join(root, 'wrangler.toml')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`reading wrangler.toml failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

/**
 * Writes `<dir>/wrangler.json` and returns its path. It serves a copy of the test build made in `<dir>/web`: a test
 * system runs for minutes (test/e2e shares one across a run), and a test run elsewhere on the machine that rebuilds
 * web/build/e2e/ meanwhile would change it under the running `wrangler dev`, which re-bundles on the change and then
 * serves pages whose assets are gone (404).
 * @param {string} dir
 */
export function writeTestBuildConfig(dir) {
  // The deploy environments are not run locally (and their relative paths would point nowhere from `dir`).
  const { env: _deployEnvironments, ...config } = readRootConfig();
  mkdirSync(dir, { recursive: true });
  const build = copyTestBuild(join(dir, 'web'));
  const path = join(dir, 'wrangler.json');
  const generated = {
    ...config,
    main: join(root, String(config.main)),
    alias: { '@vibecode/web/worker': build.worker },
    assets: { ...config.assets, directory: build.assets },
    d1_databases: config.d1_databases?.map((/** @type {{ migrations_dir?: string }} */ db) => ({
      ...db,
      ...(db.migrations_dir ? { migrations_dir: join(root, db.migrations_dir) } : {}),
    })),
  };
  writeFileSync(path, `${JSON.stringify(generated, null, 2)}\n`);
  return path;
}
