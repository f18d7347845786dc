/**
 * One web build at a time on this machine, and no copy of a build while one is being made: two test runs at
 * once (people working side by side, each running e2e files) would otherwise write web/build/e2e/ together, or copy
 * it half written, and serve pages whose script never loads. A directory is the lock (mkdir is atomic); it names
 * its holder's pid, so a lock left by a killed run is taken over once that process is gone.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './root.mjs';

/** Outside web/build/, which the production build empties; one per checkout. */
const LOCK = join(tmpdir(), `vibecode-web-build-${createHash('sha256').update(root).digest('hex').slice(0, 12)}.lock`);
const POLL_MS = 250;
/** Longer than a web build on a loaded machine; then the wait fails with the holder named. */
const WAIT_MS = 10 * 60_000;
/** A lock without a pid this old was left between its mkdir and its pid file: its holder is gone. */
const UNNAMED_STALE_MS = 10_000;

/** @param {number} ms */
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/** @returns {string} the holder's pid as written, '' when it has not written it yet */
function holder() {
  try {
    return readFileSync(join(LOCK, 'pid'), 'utf8');
  } catch {
    return '';
  }
}

function unnamedAndOld() {
  try {
    return Date.now() - statSync(LOCK).mtimeMs > UNNAMED_STALE_MS && holder() === '';
  } catch {
    return false;
  }
}

/**
 * Runs `step` (synchronous: a build or a copy) holding the lock.
 * @template T
 * @param {() => T} step
 * @returns {T}
 */
export function withBuildLock(step) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
    }
    const pid = holder();
    if (pid ? !alive(Number(pid)) && holder() === pid : unnamedAndOld()) rmSync(LOCK, { recursive: true, force: true });
    else if (Date.now() > deadline) throw new Error(`the web build lock ${LOCK} is still held by pid ${pid || '?'}`);
    else sleep(POLL_MS);
  }
  try {
    writeFileSync(join(LOCK, 'pid'), String(process.pid));
    return step();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
