/**
 * Stopping a tmux server with everything running in it (a localcloud droplet's, a gateway test sandbox's): a stop
 * is complete only when the server and the processes of its panes are gone. The panes' shells still write their
 * history into the sandbox on the way out, so a destroy right after an unfinished stop would race them; a server that
 * outlived `kill-server` would keep running once its socket file is removed.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

function run(argv: string[], env: NodeJS.ProcessEnv, ms: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(argv[0] as string, argv.slice(1), { stdio: 'ignore', env });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('error', () => resolve(null));
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/**
 * A process as a stop listed it: its pid and its start time (clock ticks after boot, /proc/<pid>/stat's 22nd
 * field). Once a process is gone its pid is free, and the machine may give it to the next process it starts — pids
 * wrap every hour or so here — so a pid alone may name another process by the time the stop signals it; the start
 * time tells them apart.
 */
export interface ListedProcess {
  pid: number;
  start: string;
}

/** /proc/<pid>/stat's state and start time, or null when no such process is left. */
function statOf(pid: number): { state: string; start: string } | null {
  try {
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, the fields from state on follow the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', start: fields[19] ?? '' };
  } catch {
    return null;
  }
}

/** `pid` as the process that has it now, or null when none has. */
export function listedProcess(pid: number): ListedProcess | null {
  const stat = statOf(pid);
  return stat === null ? null : { pid, start: stat.start };
}

/**
 * Whether the listed process still runs: its pid is there, with the start time it had when listed. An exited
 * process waits as a zombie until its parent reaps it; an orphan's parent is init, which on these machines reaps
 * every ~2 s: a zombie writes nothing more, so it counts as gone.
 */
export function isAlive(listed: ListedProcess): boolean {
  const stat = statOf(listed.pid);
  return stat !== null && stat.start === listed.start && stat.state !== 'Z';
}

/** The format `serverAndPaneProcesses` lists panes in, one line each; `pidsToStop` reads it. */
const PANE_FORMAT = '#{pid} #{pane_dead} #{pane_pid}';

/**
 * The pids a stop waits for, from tmux's list of panes: the tmux server's, and the processes' in its live panes. Not
 * a dead pane's (remain-on-exit): its process was reaped when it ended, maybe hours ago, and its pid may be
 * another's by now.
 */
export function pidsToStop(panes: string): number[] {
  const pids = new Set<number>();
  for (const [server, dead, pane] of panes
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' '))) {
    pids.add(Number(server));
    if (dead === '0') pids.add(Number(pane));
  }
  return [...pids];
}

/** The processes a stop waits for (none when no server runs), each as it runs now. */
function serverAndPaneProcesses(socket: string, env: NodeJS.ProcessEnv): Promise<ListedProcess[]> {
  return new Promise((resolve) => {
    execFile('tmux', ['-L', socket, 'list-panes', '-a', '-F', PANE_FORMAT], { env }, (error, stdout) => {
      const pids = error ? [] : pidsToStop(stdout);
      resolve(pids.map(listedProcess).filter((listed) => listed !== null));
    });
  });
}

/** Polls until every listed process has exited, SIGKILLing stragglers (never a pid's next owner); gives up after `ms`. */
async function waitUntilGone(listed: ListedProcess[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (listed.some(isAlive) && Date.now() < deadline) {
    for (const { pid } of listed.filter(isAlive)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // exited in between
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * `tmux kill-server` on `socket`, then waits (bounded by `graceMs`, SIGKILLing stragglers) for the server and its
 * live panes' processes, and removes the socket file, which tmux 3.3a leaves behind. No server is not an error.
 */
export async function stopTmuxServer(socket: string, env: NodeJS.ProcessEnv, graceMs: number): Promise<void> {
  const listed = await serverAndPaneProcesses(socket, env);
  await run(['tmux', '-L', socket, 'kill-server'], env, graceMs);
  await waitUntilGone(listed, graceMs);
  rmSync(join(env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, socket), { force: true });
}
