/**
 * The daemon's pid file names one process: a pid whose process started when the file says and still runs as
 * `vibe-gateway … run`. Checked against real processes of the test's own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { pidFilePath, runningGateway, stopRunningGateway, writePidFile } from './pid-file.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'vibe-pid-file-'));
const pidFile = pidFilePath(stateDir);
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

/** A process that looks like a running daemon (`… vibe-gateway … run`) to the check. */
function fakeDaemon(...argv: string[]): ChildProcess & { pid: number } {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', ...argv], { stdio: 'ignore' });
  children.push(child);
  if (child.pid === undefined) throw new Error('the fake daemon did not start');
  return child as ChildProcess & { pid: number };
}

describe('the gateway pid file', () => {
  it('names the daemon by pid and start time, and is trusted while that process runs', async () => {
    const daemon = fakeDaemon('vibe-gateway', 'run');
    await writePidFile(stateDir, daemon.pid);
    expect(readFileSync(pidFile, 'utf8')).toMatch(new RegExp(`^${daemon.pid} \\d+\\n$`));
    expect(await runningGateway(pidFile)).toBe(daemon.pid);
  });

  it('is not trusted when the process at that pid started at another time (the pid was given to another one)', async () => {
    const daemon = fakeDaemon('vibe-gateway', 'run');
    await writePidFile(stateDir, daemon.pid);
    const [, start] = readFileSync(pidFile, 'utf8').trim().split(' ');
    writeFileSync(pidFile, `${daemon.pid} ${Number(start) + 1}\n`);
    expect(await runningGateway(pidFile)).toBeUndefined();
    expect(await stopRunningGateway(pidFile, 100)).toBeUndefined();
    expect(daemon.exitCode).toBeNull();
    expect(daemon.signalCode).toBeNull();
  });

  it('trusts a file of an older release, which holds the pid alone, on the command line', async () => {
    const daemon = fakeDaemon('vibe-gateway', 'run');
    const other = fakeDaemon('something-else');
    writeFileSync(pidFile, `${daemon.pid}\n`);
    expect(await runningGateway(pidFile)).toBe(daemon.pid);
    writeFileSync(pidFile, `${other.pid}\n`);
    expect(await runningGateway(pidFile)).toBeUndefined();
  });

  it.each([
    ['no file', null],
    ['an empty file', ''],
    ['a pid that is not a number', 'abc\n'],
    ['pid 1', '1\n'],
    ['more than a pid and a start time', '1234 5678 9\n'],
  ])('names no daemon for %s', async (_name, text) => {
    rmSync(pidFile, { force: true });
    if (text !== null) writeFileSync(pidFile, text);
    expect(await runningGateway(pidFile)).toBeUndefined();
  });

  it('stops the daemon it names with SIGTERM', async () => {
    const daemon = fakeDaemon('vibe-gateway', 'run');
    await writePidFile(stateDir, daemon.pid);
    const exited = once(daemon, 'exit');
    expect(await stopRunningGateway(pidFile)).toBe(daemon.pid);
    const [, signal] = await exited;
    expect(signal).toBe('SIGTERM');
  });
});
