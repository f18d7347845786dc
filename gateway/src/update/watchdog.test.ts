import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@vibecode/schemas/log';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticRelease } from '../../test/synthetic-release.ts';
import { releaseDir, switchCurrent } from './layout.ts';
import { pidFilePath, writePidFile } from './pid-file.ts';
import { confirmPending, pendingPath, readState, rolledBackPath, writeState } from './state.ts';
import { watchUpdate } from './watchdog.ts';

const base = mkdtempSync(join(tmpdir(), 'vibe-watch-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(base, { recursive: true, force: true });
});
const log = createLogger({}, () => undefined);
let n = 0;

/** A root switched from 1.0.0 to 1.1.0, with its pending state due in `inMs`. */
async function switched(inMs: number) {
  const root = join(base, `r${++n}`);
  const stateDir = join(base, `r${n}-state`);
  mkdirSync(stateDir, { recursive: true });
  writeSyntheticRelease(releaseDir(root, '1.0.0'), '1.0.0');
  writeSyntheticRelease(releaseDir(root, '1.1.0'), '1.1.0');
  symlinkSync('releases/1.1.0', join(root, 'current'));
  const now = Date.now();
  await writeState(pendingPath(stateDir), {
    root,
    from: { version: '1.0.0', dir: releaseDir(root, '1.0.0') },
    to: { version: '1.1.0', dir: releaseDir(root, '1.1.0') },
    deadline: now + inMs,
    startedAt: now,
    pidFile: pidFilePath(stateDir),
    ref: 'u1',
  });
  return { root, stateDir };
}

/** A process that looks like a running daemon (`… vibe-gateway … run`) to the pid-file check. */
function fakeDaemon(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'vibe-gateway', 'run'], {
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

describe('the rollback watchdog', () => {
  it('lets go once the new release is welcomed', async () => {
    const { root, stateDir } = await switched(10_000);
    let watchingNow: () => void = () => undefined;
    const started = new Promise<void>((r) => {
      watchingNow = r;
    });
    const watching = watchUpdate(pendingPath(stateDir), { log, pollMs: 20, onWatching: () => watchingNow() });
    await started;
    expect(await confirmPending(stateDir)).toBe(true);
    expect(await watching).toBe('confirmed');
    expect(readlinkSync(join(root, 'current'))).toBe('releases/1.1.0');
  });

  it('switches back, records why and stops the unwelcomed gateway at the deadline', async () => {
    const { root, stateDir } = await switched(300);
    const daemon = fakeDaemon();
    await writePidFile(stateDir, daemon.pid);
    const exited = once(daemon, 'exit');
    expect(await watchUpdate(pendingPath(stateDir), { log, pollMs: 20 })).toBe('rolled_back');
    expect(readlinkSync(join(root, 'current'))).toBe('releases/1.0.0');
    const [, signal] = await exited;
    expect(signal).toBe('SIGTERM');
    expect(await readState(pendingPath(stateDir))).toBeUndefined();
    const rolled = await readState(rolledBackPath(stateDir));
    expect(rolled?.rolledBack?.reason).toBe('1.1.0 did not come back online within 0.3 s');
    expect(rolled?.ref).toBe('u1');
  });

  it('rolls back before the deadline once no gateway has run for a while after the switch', async () => {
    const { root, stateDir } = await switched(60_000);
    // The previous release's daemon, stopped by the update; the new release never gets as far as its pid file.
    const old = fakeDaemon();
    await writePidFile(stateDir, old.pid);
    let watchingNow: () => void = () => undefined;
    const started = new Promise<void>((r) => {
      watchingNow = r;
    });
    const watching = watchUpdate(pendingPath(stateDir), {
      log,
      pollMs: 20,
      notRunningMs: 300,
      onWatching: () => watchingNow(),
    });
    await started;
    old.kill('SIGTERM');
    expect(await watching).toBe('rolled_back');
    expect(readlinkSync(join(root, 'current'))).toBe('releases/1.0.0');
    const rolled = await readState(rolledBackPath(stateDir));
    expect(rolled?.rolledBack?.reason).toBe('1.1.0 did not stay running (no gateway process for 0.3 s)');
  });

  it('keeps waiting for the welcome while a gateway runs, however long it takes to connect', async () => {
    const { stateDir } = await switched(600);
    const daemon = fakeDaemon();
    await writePidFile(stateDir, daemon.pid);
    const watching = watchUpdate(pendingPath(stateDir), { log, pollMs: 20, notRunningMs: 100 });
    // Well past notRunningMs, the gateway still runs: only the deadline may roll it back.
    expect(await watching).toBe('rolled_back');
    const rolled = await readState(rolledBackPath(stateDir));
    expect(rolled?.rolledBack?.reason).toBe('1.1.0 did not come back online within 0.6 s');
  });

  it('exits when its release root disappears (a destroyed local droplet)', async () => {
    const { root, stateDir } = await switched(60_000);
    const watching = watchUpdate(pendingPath(stateDir), { log, pollMs: 20 });
    rmSync(root, { recursive: true, force: true });
    expect(await watching).toBe('gone');
  });

  it('drops an update whose switch never happened instead of rolling anything back', async () => {
    const { root, stateDir } = await switched(200);
    await switchCurrent(root, releaseDir(root, '1.0.0'));
    expect(await watchUpdate(pendingPath(stateDir), { log, pollMs: 20 })).toBe('gone');
    expect(await readState(pendingPath(stateDir))).toBeUndefined();
    expect(await readState(rolledBackPath(stateDir))).toBeUndefined();
  });

  it('has nothing to watch without a pending state', async () => {
    expect(await watchUpdate(join(base, 'none', 'update.json'), { log })).toBe('gone');
  });
});
