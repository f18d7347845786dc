/**
 * The control-plane Worker under `wrangler dev` on 127.0.0.1, as `npm start` and the test systems run it: the root
 * wrangler.toml (or a generated config, worker-config.mjs), local D1/KV/DO state in `persistTo`, and `vars` as
 * `--var`s (wrangler.toml's top level is production-safe: local mode, the outbox and http URLs are opted into by
 * the caller). Resolves once the Worker answers; `restart` starts it again with the same port, state and vars.
 */
import { startChild } from './child.mjs';
import { wranglerBin } from './root.mjs';

const ANSI_COLOR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const READY_POLL_MS = 250;

/**
 * @typedef {object} WorkerOptions
 * @property {number} port
 * @property {number} inspectorPort  two `wrangler dev` at once otherwise collide on wrangler.toml's
 * @property {string} [persistTo]  wrangler's --persist-to; default .wrangler/state
 * @property {string} [config]  a wrangler config other than the root wrangler.toml
 * @property {Record<string, string>} [vars]
 * @property {boolean} [testScheduled]  serve `/__scheduled`, which runs the cron handler now
 * @property {number} [timeoutMs]
 * @property {AbortSignal} [signal]  gives up starting (the child is stopped, the promise rejects)
 * @property {(chunk: Buffer, stream: 'stdout' | 'stderr') => void} [onOutput]
 */

/**
 * @typedef {object} RunningWorker
 * @property {string} url  http://127.0.0.1:port
 * @property {import('./child.mjs').Child} child  the current `wrangler dev` (a new one after `restart`)
 * @property {() => Promise<void>} restart
 * @property {() => Promise<void>} stop
 */

/** @param {WorkerOptions} options */
function devArgs({ port, inspectorPort, persistTo, config, vars = {}, testScheduled }) {
  return [
    'dev',
    ...(config ? ['--config', config] : []),
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspectorPort),
    '--show-interactive-dev-session=false',
    ...(persistTo ? ['--persist-to', persistTo] : []),
    ...(testScheduled ? ['--test-scheduled'] : []),
    ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
  ];
}

/**
 * Waits until `url` answers with `status` (unauthenticated on purpose: `/api/me` and localcloud's `/v2/account`
 * answer 401 once they serve); fails at once when `child` exits, when `signal` aborts, or when its output shows
 * `errorMarker` (wrangler keeps running, watching, after a failed build).
 * @param {import('./child.mjs').Child} child
 * @param {{ url: string, status: number, timeoutMs: number, signal?: AbortSignal, errorMarker?: string }} options
 */
export async function waitUntilServing(child, { url, status, timeoutMs, signal, errorMarker }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exited()) throw new Error(`it exited before it served ${url}:\n${child.tail()}`);
    if (signal?.aborted) throw new Error(`stopped before it served ${url}`);
    if (errorMarker && child.tail().replace(ANSI_COLOR, '').includes(errorMarker)) {
      throw new Error(`it reported an error before it served ${url} (see its output)`);
    }
    const answered = await fetch(url).then(
      (res) => res.status === status,
      () => false,
    );
    if (answered) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer in ${timeoutMs / 1000} s:\n${child.tail()}`);
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
}

/**
 * @param {WorkerOptions} options
 * @returns {Promise<RunningWorker>}
 */
export async function startWorker(options) {
  const url = `http://127.0.0.1:${options.port}`;
  const launch = async () => {
    const child = startChild(wranglerBin, devArgs(options), { onOutput: options.onOutput });
    try {
      await waitUntilServing(child, {
        url: `${url}/api/me`,
        status: 401,
        timeoutMs: options.timeoutMs ?? 90_000,
        signal: options.signal,
        errorMarker: '[ERROR]',
      });
    } catch (error) {
      await child.stop();
      throw new Error(`wrangler dev: ${error instanceof Error ? error.message : error}`);
    }
    return child;
  };
  const worker = {
    url,
    child: await launch(),
    async restart() {
      await worker.child.stop();
      worker.child = await launch();
    },
    stop: () => worker.child.stop(),
  };
  return worker;
}
