/**
 * The rollback watchdog (`vibe-gateway update-watch --state <file>`), run detached from the PREVIOUS release's
 * own runtime and bundle, so a new release that cannot even start cannot stop it. It waits until the pending
 * state disappears (the new gateway was welcomed), its deadline passes, or no gateway has run for NOT_RUNNING_MS
 * since the switch (the new release crashes on start); then it claims the state, points `current` back at the
 * previous release, records why, and stops the running gateway so the supervisor starts the previous release. Its
 * life is bounded whatever happens: it exits when the state or the release root disappears (a destroyed local
 * droplet) and never outlives the deadline by more than LINGER_MS.
 */
import { dirname } from 'node:path';
import type { Logger } from '@vibecode/schemas/log';
import { currentDir, exists, switchCurrent } from './layout.ts';
import { runningGateway, stopRunningGateway } from './pid-file.ts';
import { claimForRollback, readState, removeIfPresent, rolledBackPath, writeState } from './state.ts';

export type WatchOutcome = 'confirmed' | 'rolled_back' | 'gone';

export interface WatchOptions {
  log: Logger;
  /** Resolves once `current` was switched: the window starts then, not when the state was written. */
  armed?: Promise<void>;
  pollMs?: number;
  /** How long the gateway gets to stop after SIGTERM before SIGKILL. */
  stopGraceMs?: number;
  /** How long no gateway may run after the switch before the new release counts as crashing on start. */
  notRunningMs?: number;
  now?: () => number;
  /** Called once the state was read and the watch began (the spawner waits for it). */
  onWatching?: () => void;
}

/** Deadlines further out than this are a corrupt file, not a plan. */
const MAX_WAIT_MS = 3_600_000;
/**
 * A release that starts writes the pid file within a second or two, and its supervisor restarts one that exits
 * every 2 s (the unit's RestartSec): no live gateway for this long after the switch is a release that crashes on
 * start, rolled back then rather than at the end of the confirmation window (60 s on a droplet).
 */
const NOT_RUNNING_MS = 10_000;

/** Watches the pending update at `statePath` until it is confirmed, rolled back, or gone. */
export async function watchUpdate(statePath: string, options: WatchOptions): Promise<WatchOutcome> {
  const { log, pollMs = 200, stopGraceMs = 15_000, notRunningMs = NOT_RUNNING_MS, now = Date.now } = options;
  const stateDir = dirname(statePath);
  const state = await readState(statePath);
  options.onWatching?.();
  if (!state) {
    log.info('no pending update; nothing to watch', { state: statePath });
    return 'gone';
  }
  const windowMs = Math.min(Math.max(state.deadline - state.startedAt, 0), MAX_WAIT_MS);
  // Until armed, no deadline: an update whose switch never comes is undone, and the state then goes away.
  let deadline = now() + MAX_WAIT_MS;
  let armed = false;
  void (options.armed ?? Promise.resolve()).then(() => {
    armed = true;
    deadline = now() + windowMs;
    log.info('watching update', { from: state.from.version, to: state.to.version, in_ms: windowMs });
  });
  let reason = `${state.to.version} did not come back online within ${windowMs / 1000} s`;
  /** Since when no gateway has run (after the switch), if none runs now. */
  let notRunningSince: number | undefined;
  while (now() < deadline) {
    await new Promise((r) => setTimeout(r, Math.min(pollMs, Math.max(1, deadline - now()))));
    if (!(await exists(statePath))) {
      log.info('the pending update is gone (welcomed, or the update was undone)', { version: state.to.version });
      return 'confirmed';
    }
    if (!(await exists(state.root))) {
      log.info('release root is gone; stopping', { root: state.root });
      return 'gone';
    }
    if (!armed) continue;
    notRunningSince = (await runningGateway(state.pidFile)) === undefined ? (notRunningSince ?? now()) : undefined;
    if (notRunningSince !== undefined && now() - notRunningSince >= notRunningMs) {
      reason = `${state.to.version} did not stay running (no gateway process for ${notRunningMs / 1000} s)`;
      break;
    }
  }
  if ((await currentDir(state.root)) !== state.to.dir) {
    // The updater died before it switched: there is nothing to roll back, only a state to drop.
    log.warn('current never pointed at the new release; dropping the update', { version: state.to.version });
    await removeIfPresent(statePath);
    return 'gone';
  }
  if (!(await claimForRollback(stateDir))) {
    log.info('update confirmed at the deadline', { version: state.to.version });
    return 'confirmed';
  }
  await switchCurrent(state.root, state.from.dir);
  await writeState(rolledBackPath(stateDir), { ...state, rolledBack: { at: now(), reason } });
  log.warn('rolled back', { from: state.to.version, to: state.from.version });
  const stopped = await stopRunningGateway(state.pidFile, stopGraceMs);
  log.info('restarting into the previous release', { stopped_pid: stopped ?? null });
  return 'rolled_back';
}
