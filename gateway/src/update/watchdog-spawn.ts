/**
 * Starts the rollback watchdog from the previous (known-good) release — its own launcher, runtime and bundle —
 * detached into its own session, so neither the gateway's exit, its supervisor's kill of the process group, nor
 * an operator's closed SSH session takes it down. Resolves once the watchdog has read the state (it says so over
 * an IPC channel), so an update never switches `current` without its safety net; `arm()` after the switch starts
 * its confirmation window and drops the channel.
 */
import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { updateError } from './update-error.ts';

const READY_TIMEOUT_MS = 20_000;

/** The watchdog → updater message: the state is read, the watch is on. */
export const WATCHING = 'vibe-update-watching';
/** The updater → watchdog message: `current` now points at the new release; the window starts now. */
export const SWITCHED = 'vibe-update-switched';

export interface Watchdog {
  pid: number;
  /** `current` was switched: start the window. */
  arm(): void;
  /** Drops the channel without arming (the update was undone; the watchdog exits once the state is gone). */
  release(): void;
}

export async function spawnWatchdog(
  releaseDir: string,
  statePath: string,
  logPath: string,
  env: NodeJS.ProcessEnv,
): Promise<Watchdog> {
  const log = await open(logPath, 'w', 0o600);
  try {
    const child = spawn(join(releaseDir, 'bin', 'vibe-gateway'), ['update-watch', '--state', statePath], {
      detached: true,
      cwd: '/',
      env,
      stdio: ['ignore', log.fd, log.fd, 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      const fail = (why: string) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(updateError('update.install_failed', `the rollback watchdog did not start: ${why}`));
      };
      const timer = setTimeout(() => fail(`no answer within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
      child.once('error', (e) => fail(e.message));
      child.once('exit', (code, signal) => fail(`it exited (${signal ?? code}); see ${logPath}`));
      child.on('message', (m) => {
        if (m !== WATCHING) return;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve();
      });
    });
    const release = () => {
      if (child.connected) child.disconnect();
      child.unref();
    };
    return {
      pid: child.pid ?? 0,
      arm: () => {
        if (child.connected) child.send(SWITCHED, release);
        else release();
      },
      release,
    };
  } finally {
    await log.close();
  }
}
