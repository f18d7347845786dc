import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../test/helpers.ts';
import { isAlive, type ListedProcess, listedProcess, pidsToStop, stopTmuxServer } from './tmux-server-stop.ts';

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

it('ends the server and the processes of its live panes', async () => {
  const { socket, env, tmux } = tmuxServer(3);
  const listed = [serverPid(tmux), ...panes(tmux).map(([, pid]) => pid)].map(listedProcess);
  expect(listed.every((process) => process !== null && isAlive(process))).toBe(true);

  await stopTmuxServer(socket, env, 5000);

  expect(listed.filter((process) => process !== null && isAlive(process))).toEqual([]);
  expect(() => tmux('list-sessions')).toThrow();
});

it('waits for a dead pane’s process no more: its pid may be another’s by now', async () => {
  const { tmux } = tmuxServer(2);
  const [[, gone], [, live]] = panes(tmux) as [[number, number], [number, number]];
  process.kill(gone, 'SIGKILL');
  // tmux 3.3a sometimes leaves a pane's process a zombie until its next child exits (about one run in four): one
  // that exits at once makes it reap.
  await waitFor('the pane dead and reaped', async () => {
    if (panes(tmux)[0]?.[0] !== 1) return undefined;
    if (!existsSync(`/proc/${gone}`)) return true;
    tmux('run-shell', 'true');
    return undefined;
  });
  const listing = tmux('list-panes', '-a', '-F', '#{pid} #{pane_dead} #{pane_pid}');

  expect(pidsToStop(listing).sort()).toEqual([serverPid(tmux), live].sort());
});

it('counts a pid given to another process since it was listed as gone, so it is never signalled', () => {
  const bystander = spawn('sleep', ['600'], { stdio: 'ignore' });
  cleanups.push(() => bystander.kill('SIGKILL'));
  const now = listedProcess(bystander.pid ?? 0);
  expect(now).not.toBeNull();
  expect(isAlive(now as ListedProcess)).toBe(true);
  // The same pid as an earlier process had it: started at another time.
  expect(isAlive({ pid: bystander.pid ?? 0, start: `${Number(now?.start) - 1}` })).toBe(false);
});

it('counts a zombie as gone: it writes nothing more', async () => {
  // A child of a process that never reaps (a shell that became `sleep`) stays a zombie once killed.
  const parent = spawn('sh', ['-c', 'sleep 600 & echo $!; exec sleep 600'], { stdio: ['ignore', 'pipe', 'ignore'] });
  cleanups.push(() => parent.kill('SIGKILL'));
  const [line] = await once(parent.stdout, 'data');
  const pid = Number(String(line).trim());
  const listed = listedProcess(pid) as ListedProcess;
  expect(isAlive(listed)).toBe(true);
  process.kill(pid, 'SIGKILL');
  await waitFor('a zombie', async () =>
    readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ') ? true : undefined,
  );
  expect(isAlive(listed)).toBe(false);
});
