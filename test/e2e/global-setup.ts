/** The system tests need the web app built: the Worker's `[assets]` and its SvelteKit entry come from it. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const web = join(import.meta.dirname, '..', '..', 'web');
  // vitest sets NODE_ENV=test, which would make Vite resolve Svelte/SvelteKit's development builds. The tests read
  // the terminal through its test hook, which only builds with VITE_TERMINAL_TEST_HOOK=1 have (deploys rebuild).
  const env = { ...process.env, NODE_ENV: 'production', VITE_TERMINAL_TEST_HOOK: '1' };
  const result = spawnSync('npm', ['run', 'build'], { cwd: web, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
}
