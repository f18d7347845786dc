/**
 * The web app the one Worker serves, in its two builds (web/svelte.config.js): production in web/build/, which
 * `npm start` and deploys serve, and the test build with the Terminal's test hook (VITE_TERMINAL_TEST_HOOK=1) in
 * web/build/e2e/, which only the test systems serve. A local `wrangler dev` serves a copy of either
 * (worker-config.mjs).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
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
 * What a copy of a build holds — [path under web/, path under the copy] pairs — and where in it the build's worker
 * and assets are. The test build is whole in build/e2e/ (its SvelteKit outDir is inside it). The production build's
 * worker imports its server output and route manifest from web/.svelte-kit/ by relative path (the adapter's
 * layout), so those go along, at the same places relative to it.
 * @param {boolean} testHook
 * @returns {{ parts: [string, string][], build: string }}
 */
function layoutOf(testHook) {
  if (testHook) return { parts: [['build/e2e', '.']], build: '.' };
  const parts = ['build/worker.js', 'build/client', '.svelte-kit/output/server', '.svelte-kit/cloudflare-tmp'];
  return { parts: parts.map((part) => [part, part]), build: 'build' };
}

/**
 * A copy of a build in `dir`, for a `wrangler dev` that runs for minutes: it re-bundles whenever a file its bundle
 * read changes, which drops every socket (the gateways', the terminals'), and then serves whatever it found. In the
 * repository those files change under it: web/.svelte-kit/ is rewritten by every `svelte-kit sync` (web's typecheck
 * runs one) and every production `vite build`, and web/build/e2e/ by every test run's build. With a link
 * to the repository's node_modules, where the server output's own imports (`devalue`, `@sveltejs/kit/internal`, …)
 * are found from web/build/ too: npm hoists web's dependencies there (a package of web's own would fail the bundle).
 * @param {string} dir
 * @param {boolean} testHook
 */
export function copyBuild(dir, testHook) {
  const { parts, build } = layoutOf(testHook);
  withBuildLock(() => {
    // A state dir used again (`npm start`'s own) holds an older copy, whose chunks the new one no longer names.
    rmSync(dir, { recursive: true, force: true });
    for (const [from, to] of parts) cpSync(join(root, 'web', from), join(dir, to), { recursive: true });
  });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return builtIn(join(dir, build));
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
