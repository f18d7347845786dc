/**
 * The wrangler config a local `wrangler dev` runs: the root wrangler.toml with `@vibecode/web/worker` aliased to the
 * SvelteKit worker of a copy of the web build (web-build.mjs, `copyBuild`: the production one, or the test build with
 * the Terminal's test hook) and `[assets]` to its client files. A generated file, so that config and copy live in the
 * caller's state dir; its paths are absolute. wrangler reads no `.dev.vars` there: the caller passes the secrets as
 * vars.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './root.mjs';
import { copyBuild } from './web-build.mjs';

/**
 * wrangler.toml as wrangler parses it, read in a child process: importing wrangler's CLI bundle installs process-wide
 * signal handlers (a SIGTERM then exits at once), which would cut `npm start`'s own orderly stop short. That import
 * takes seconds on a loaded machine and every test system boots with it, so the result is kept in the temp dir, named
 * by a hash of all it depends on (this repo's path, wrangler.toml, wrangler's version), and appears by rename.
 */
function readRootConfig() {
  const file = join(root, 'wrangler.toml');
  const toml = readFileSync(file, 'utf8');
  const wrangler = JSON.parse(readFileSync(join(root, 'node_modules', 'wrangler', 'package.json'), 'utf8')).version;
  const key = createHash('sha256').update(`${root}\0${wrangler}\0${toml}`).digest('hex').slice(0, 16);
  const kept = join(tmpdir(), `vibecode-wrangler-config-${key}.json`);
  if (existsSync(kept)) return JSON.parse(readFileSync(kept, 'utf8'));
  const read = `import { experimental_readRawConfig as read } from 'wrangler';
process.stdout.write(JSON.stringify(read({ config: process.argv[1] }).rawConfig));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', read, file], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`reading wrangler.toml failed:\n${result.stderr}`);
  const config = JSON.parse(result.stdout);
  const making = `${kept}.${process.pid}-${randomBytes(4).toString('hex')}`;
  writeFileSync(making, result.stdout);
  renameSync(making, kept);
  return config;
}

/**
 * Writes `<dir>/wrangler.json` and returns its path. It serves a copy of the build made in `<dir>/web` (`testHook`:
 * the test build): a local system runs for minutes (test/e2e shares one across a run), and the repository's build
 * changes under it meanwhile (`copyBuild` says how), which the running `wrangler dev` would re-bundle, dropping every
 * socket. `queueBatchTimeoutS` replaces the Queue consumers' `max_batch_timeout` (wrangler.toml's is production's);
 * miniflare still hands the consumer one batch at a time, in order.
 * @param {string} dir
 * @param {{ testHook: boolean, queueBatchTimeoutS?: number }} options
 */
export function writeBuildConfig(dir, options) {
  // The deploy environments are not run locally (and their relative paths would point nowhere from `dir`).
  const { env: _deployEnvironments, ...config } = readRootConfig();
  mkdirSync(dir, { recursive: true });
  const build = copyBuild(join(dir, 'web'), options.testHook);
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
    ...(options.queueBatchTimeoutS === undefined
      ? {}
      : {
          queues: {
            ...config.queues,
            consumers: config.queues?.consumers?.map((/** @type {Record<string, unknown>} */ consumer) => ({
              ...consumer,
              max_batch_timeout: options.queueBatchTimeoutS,
            })),
          },
        }),
  };
  writeFileSync(path, `${JSON.stringify(generated, null, 2)}\n`);
  return path;
}
