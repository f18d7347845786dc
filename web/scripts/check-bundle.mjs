/**
 * Runs after `vite build`: the Terminal's test hook (`window.__vibeTerminal`, web/src/lib/terminal/test-hook.ts) is
 * in the build exactly when it was made with VITE_TERMINAL_TEST_HOOK=1 (the e2e tests' build), so a production
 * build — every deploy runs `npm run build -w web` — cannot ship it, and a test build cannot silently lack it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const HOOK = '__vibeTerminal';
const buildDir = join(import.meta.dirname, '..', 'build');
const wanted = process.env.VITE_TERMINAL_TEST_HOOK === '1';

const files = readdirSync(buildDir, { recursive: true, encoding: 'utf8' }).filter((path) =>
  /\.(m?js|html)$/.test(path),
);
const carrying = files.filter((path) => readFileSync(join(buildDir, path), 'utf8').includes(HOOK));

if (wanted && carrying.length === 0) {
  console.error(
    `check-bundle: a VITE_TERMINAL_TEST_HOOK=1 build must carry ${HOOK}, and none of ${files.length} files does`,
  );
  process.exit(1);
}
if (!wanted && carrying.length > 0) {
  console.error(`check-bundle: the production build carries the test hook ${HOOK} in ${carrying.join(', ')}`);
  process.exit(1);
}
console.log(`check-bundle: ${HOOK} ${wanted ? 'in' : 'absent from'} the build (${files.length} files scanned)`);
