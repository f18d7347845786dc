/**
 * A long-running child of the boot (wrangler dev, localcloud) in its own process group, so it can be stopped whole:
 * wrangler's workerd is its child. Its output is kept as a bounded tail for error messages, and passed on to
 * `onOutput` (the caller echoes or collects it).
 */
import { spawn } from 'node:child_process';
import { root } from './root.mjs';

const TAIL_CHARS = 8000;
const STOP_TIMEOUT_MS = 10_000;
/** wrangler can restart its workerd while it is being stopped: the group gets this long, then SIGKILL. */
const GROUP_GRACE_MS = 500;

/**
 * @typedef {object} Child
 * @property {import('node:child_process').ChildProcess} process
 * @property {() => string} tail  the last output, both streams
 * @property {() => boolean} exited
 * @property {(signal?: 'group' | 'leader') => Promise<void>} stop  SIGTERM to the whole group (default) or the
 *   leader alone (it stops its own children), SIGKILL to the group after STOP_TIMEOUT_MS or once the leader is gone
 */

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, onOutput?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void }} options
 * @returns {Child}
 */
export function startChild(command, args, { env = {}, onOutput } = {}) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let tail = '';
  for (const stream of /** @type {const} */ (['stdout', 'stderr'])) {
    child[stream].on('data', (/** @type {Buffer} */ chunk) => {
      tail = (tail + chunk).slice(-TAIL_CHARS);
      onOutput?.(chunk, stream);
    });
  }
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const killGroup = (/** @type {NodeJS.Signals} */ signal) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  return {
    process: child,
    tail: () => tail,
    exited,
    async stop(signal = 'group') {
      if (!exited()) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        if (signal === 'group') killGroup('SIGTERM');
        else child.kill('SIGTERM');
        const timer = setTimeout(() => killGroup('SIGKILL'), STOP_TIMEOUT_MS);
        await gone;
        clearTimeout(timer);
      }
      await new Promise((resolve) => setTimeout(resolve, GROUP_GRACE_MS));
      killGroup('SIGKILL');
    },
  };
}
