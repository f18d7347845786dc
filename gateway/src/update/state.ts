/**
 * The update state file, in the gateway's state dir: what an update switched from and to, and until when the
 * new release has to be welcomed. Three processes share it — the updater writes it, the new gateway confirms
 * by deleting it, the watchdog claims it for a rollback by renaming it — and unlink and rename are atomic, so
 * exactly one of confirm and rollback wins.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReleaseRef } from './layout.ts';

/** An update waiting for its confirmation. */
export const PENDING_FILE = 'update.json';
/** An update the watchdog rolled back; the previous release reports it once welcomed, then deletes it. */
export const ROLLED_BACK_FILE = 'update.rolled-back.json';
/** The watchdog's log (recreated by each update, so it stays small). */
export const WATCHDOG_LOG = 'update-watch.log';

export interface UpdateState {
  /** The release root the switch happened in. */
  root: string;
  from: ReleaseRef;
  to: ReleaseRef;
  /** Epoch ms: not welcomed by then → rolled back. */
  deadline: number;
  startedAt: number;
  /** The running gateway's pid file, so the watchdog can stop a new release that runs but was never welcomed. */
  pidFile: string;
  /** The hub command's ref, echoed on the `rolled_back` status. */
  ref?: string;
  /** Set by the watchdog in ROLLED_BACK_FILE. */
  rolledBack?: { at: number; reason: string };
}

export const pendingPath = (stateDir: string) => join(stateDir, PENDING_FILE);
export const rolledBackPath = (stateDir: string) => join(stateDir, ROLLED_BACK_FILE);

function isState(v: unknown): v is UpdateState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  const ref = (r: unknown) =>
    typeof r === 'object' &&
    r !== null &&
    typeof (r as ReleaseRef).version === 'string' &&
    typeof (r as ReleaseRef).dir === 'string';
  return (
    typeof s.root === 'string' &&
    ref(s.from) &&
    ref(s.to) &&
    typeof s.deadline === 'number' &&
    typeof s.startedAt === 'number' &&
    typeof s.pidFile === 'string'
  );
}

/** The state at `path`; undefined when there is none. A file that is not a state (torn, foreign) counts as none. */
export async function readState(path: string): Promise<UpdateState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isState(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Writes atomically (temp file + rename), 0600. */
export async function writeState(path: string, state: UpdateState): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(state)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** The new gateway was welcomed: true when it removed the pending state first (the watchdog then lets go). */
export async function confirmPending(stateDir: string): Promise<boolean> {
  return (await removeIfPresent(pendingPath(stateDir))) === 'removed';
}

/** The watchdog's claim on a pending update: true when it moved the file first (then the confirm comes too late). */
export async function claimForRollback(stateDir: string): Promise<boolean> {
  try {
    await rename(pendingPath(stateDir), rolledBackPath(stateDir));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

export async function removeIfPresent(path: string): Promise<'removed' | 'absent'> {
  try {
    await unlink(path);
    return 'removed';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw e;
  }
}
