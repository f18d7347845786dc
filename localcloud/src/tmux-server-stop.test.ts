import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../test/helpers.ts';
import { isAlive, stopTmuxServer } from './tmux-server-stop.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A tmux server of its own (its own TMUX_TMPDIR) whose dead panes stay, running `sleep` in `windows` windows. */
function tmuxServer(windows: number): { socket: string; env: NodeJS.ProcessEnv; tmux: (...args: string[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'tmux-server-stop-'));
  const socket = 'stop-test';
  const env = { ...process.env, TMUX_TMPDIR: dir };
  const tmux = (...args: string[]) =>
    execFileSync('tmux', ['-L', socket, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => {
    try {
      tmux('kill-server');
    } catch {
      // stopped by the test
    }
    rmSync(dir, { recursive: true, force: true });
  });
  tmux('-f', '/dev/null', 'new-session', '-d', '-s', 's', 'sleep 600');
  tmux('set-option', '-g', 'remain-on-exit', 'on');
  for (let i = 1; i < windows; i += 1) tmux('new-window', '-d', '-t', 's:', 'sleep 600');
  return { socket, env, tmux };
}

const panes = (tmux: (...args: string[]) => string) =>
  tmux('list-panes', '-s', '-t', 's', '-F', '#{pane_dead} #{pane_pid}')
    .trim()
    .split('\n')
    .map((line) => line.split(' ').map(Number) as [number, number]);

const serverPid = (tmux: (...args: string[]) => string) => Number(tmux('display-message', '-p', '#{pid}').trim());

/**
 * A process started with exactly `pid`, as when the machine hands a freed pid to the next process it starts: the
 * kernel gives out ns_last_pid + 1 next (root only; it moves only where the machine's next pid comes from). Another
 * process may start in between on a busy machine, so it tries again until the pid is this one's.
 */
async function processWithPid(pid: number): Promise<ChildProcess> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      writeFileSync('/proc/sys/kernel/ns_last_pid', String(pid - 1));
    } catch (error) {
      throw new Error(`choosing the next pid takes root, as the droplet test does: ${(error as Error).message}`);
    }
    const child = spawn('sleep', ['600'], { stdio: 'ignore' });
    if (child.pid === pid) {
      cleanups.push(() => child.kill('SIGKILL'));
      return child;
    }
    child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no process could be started with pid ${pid}`);
}

it('ends the server and the processes of its live panes', async () => {
  const { socket, env, tmux } = tmuxServer(3);
  const pids = [serverPid(tmux), ...panes(tmux).map(([, pid]) => pid)];
  expect(pids.every(isAlive)).toBe(true);

  await stopTmuxServer(socket, env, 5000);

  expect(pids.filter(isAlive)).toEqual([]);
  expect(() => tmux('list-sessions')).toThrow();
});

it('leaves alone the process that was given a dead pane’s pid since', async () => {
  const { socket, env, tmux } = tmuxServer(2);
  const [[, gone], [, live]] = panes(tmux) as [[number, number], [number, number]];
  process.kill(gone, 'SIGKILL');
  // Dead and reaped by tmux: its pid is free, and the machine gives it to another process. tmux 3.3a sometimes
  // leaves a pane's process a zombie until its next child exits (seen in about one run in four): one that exits at
  // once makes it reap.
  await waitFor('the pane dead and reaped', async () => {
    if (panes(tmux)[0]?.[0] !== 1) return undefined;
    if (!existsSync(`/proc/${gone}`)) return true;
    tmux('run-shell', 'true');
    return undefined;
  });
  const bystander = await processWithPid(gone);

  await stopTmuxServer(socket, env, 5000);

  expect(isAlive(live)).toBe(false);
  expect(isAlive(gone)).toBe(true);
  expect(bystander.exitCode).toBe(null);
  expect(bystander.signalCode).toBe(null);
});
