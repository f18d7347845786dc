/**
 * Runs after `vite build`, two checks. First, the Terminal's test hook (`window.__vibeTerminal`,
 * web/src/lib/terminal/test-hook.ts) is in the build exactly when it was made with VITE_TERMINAL_TEST_HOOK=1 (the
 * e2e tests' build), so a production build — every deploy runs `npm run build -w web` — cannot ship it, and a test
 * build cannot silently lack it.
 * The two land in different places (svelte.config.js): build/ for production, build/e2e/ for tests; each check reads
 * only the worker and client files of its own build.
 * Second, the browser gets only the HTTP API validators it uses (the push message's, in the service worker): the API
 * validator module kept whole (it once was, for a side effect in ajv's output, see schemas/scripts/gen.ts) puts every
 * API schema's `$id` into a client chunk, and the service worker, woken for each push, grew from ~14 KB to ~430 KB.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const HOOK = '__vibeTerminal';
const wanted = process.env.VITE_TERMINAL_TEST_HOOK === '1';
const buildDir = join(import.meta.dirname, '..', 'build', ...(wanted ? ['e2e'] : []));

const clientDir = join(buildDir, 'client');
const files = [
  join(buildDir, 'worker.js'),
  ...readdirSync(clientDir, { recursive: true, encoding: 'utf8' }).map((path) => join(clientDir, path)),
].filter((path) => /\.(m?js|html)$/.test(path) && existsSync(path));
/** Each file's text, read once for both checks. */
const texts = new Map(files.map((path) => [path, readFileSync(path, 'utf8')]));
const carrying = files.filter((path) => texts.get(path)?.includes(HOOK));

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
const API_SCHEMA_ID = 'schemas.vibecode.dev/1/api/';
const SERVICE_WORKER_MAX_BYTES = 64 * 1024;
const clientFiles = files.filter((path) => path.startsWith(clientDir));
const withSchemas = clientFiles.filter((path) => texts.get(path)?.includes(API_SCHEMA_ID));
if (withSchemas.length > 0) {
  console.error(
    `check-bundle: the whole API validator module (schema $ids) in the browser's files ${withSchemas.join(', ')}`,
  );
  process.exit(1);
}
const serviceWorker = join(clientDir, 'service-worker.js');
const serviceWorkerBytes = statSync(serviceWorker).size;
if (serviceWorkerBytes > SERVICE_WORKER_MAX_BYTES) {
  console.error(`check-bundle: ${serviceWorker} is ${serviceWorkerBytes} bytes, over ${SERVICE_WORKER_MAX_BYTES}`);
  process.exit(1);
}
console.log(
  `check-bundle: ${HOOK} ${wanted ? 'in' : 'absent from'} ${buildDir} (${files.length} files scanned); no whole API validator module; service worker ${serviceWorkerBytes} bytes`,
);
