/**
 * The web app the one Worker serves, in its two builds (web/svelte.config.js): production in web/build/, which
 * `npm start` and deploys serve, and the test build with the Terminal's test hook (VITE_TERMINAL_TEST_HOOK=1) in
 * web/build/e2e/, which only the test systems' `wrangler dev` serves (worker-config.mjs).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { withBuildLock } from './build-lock.mjs';
import { root } from './root.mjs';

/** @param {boolean} testHook */
const buildDir = (testHook) => join(root, 'web', 'build', ...(testHook ? ['e2e'] : []));

/**
 * Where a build in `dir` has its SvelteKit worker (what `@vibecode/web/worker` names) and its static assets.
 * @param {string} dir
 */
const builtIn = (dir) => ({ worker: join(dir, 'worker.js'), assets: join(dir, 'client') });

/**
 * A copy of the test build in `dir`: whole (its worker imports its server output by relative path), and with a link
 * to the repository's node_modules, where the server output's own imports (`devalue`, `@sveltejs/kit/internal`, …)
 * are found from web/build/ too: npm hoists web's dependencies there (a package of web's own would fail the bundle).
 * @param {string} dir
 */
export function copyTestBuild(dir) {
  withBuildLock(() => cpSync(buildDir(true), dir, { recursive: true }));
  const modules = join(dir, 'node_modules');
  if (!existsSync(modules)) symlinkSync(join(root, 'node_modules'), modules, 'dir');
  return builtIn(dir);
}

/**
 * Builds the web app as a deploy does (`build`), or its test build (`build:test`). NODE_ENV=production because
 * vitest sets NODE_ENV=test, which would make Vite resolve Svelte/SvelteKit's development builds. Output is shown
 * (`inherit`) or returned in the error (`capture`).
 * @param {{ testHook: boolean, output?: 'inherit' | 'capture' }} options
 */
export function buildWeb({ testHook, output = 'capture' }) {
  // Never inherited: only `build:test` sets it, for its own steps.
  const env = { ...process.env, NODE_ENV: 'production', VITE_TERMINAL_TEST_HOOK: '' };
  const built = withBuildLock(() =>
    spawnSync('npm', ['run', testHook ? 'build:test' : 'build', '-w', 'web'], {
      cwd: root,
      env,
      encoding: 'utf8',
      stdio: output === 'inherit' ? 'inherit' : 'pipe',
    }),
  );
  if (built.status !== 0) throw new Error(`the web build failed:\n${built.stdout ?? ''}\n${built.stderr ?? ''}`);
}

/** @param {string} dir */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Whether a build must be made: it is missing (a fresh clone: `wrangler dev` cannot start without it) or, when
 * `byAge`, older than web/src.
 * @param {{ testHook: boolean, byAge: boolean }} options
 */
export function webBuildNeeded({ testHook, byAge }) {
  const { worker } = builtIn(buildDir(testHook));
  if (!existsSync(worker)) return true;
  return byAge && statSync(worker).mtimeMs < newestMtime(join(root, 'web', 'src'));
}
