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
 * The pids a stop waits for: the tmux server's, and the processes in its live panes (none when no server runs).
 * Not a dead pane's (remain-on-exit): its process was reaped when it ended, maybe hours ago, and its pid may be
 * another's by now.
 */
function serverAndPaneProcesses(socket: string, env: NodeJS.ProcessEnv): Promise<number[]> {
  return new Promise((resolve) => {
    const format = '#{pid} #{pane_dead} #{pane_pid}';
    execFile('tmux', ['-L', socket, 'list-panes', '-a', '-F', format], { env }, (error, stdout) => {
      const pids = new Set<number>();
      const lines = error ? [] : stdout.split('\n').filter(Boolean);
      for (const [server, dead, pane] of lines.map((line) => line.split(' '))) {
        pids.add(Number(server));
        if (dead === '0') pids.add(Number(pane));
      }
      resolve([...pids]);
    });
  });
}

/**
 * Whether `pid` still runs. An exited process waits as a zombie until its parent reaps it; an orphan's parent is
 * init, which on these machines reaps every ~2 s: a zombie writes nothing more, so it counts as gone.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; comm may hold spaces and parentheses, the state follows the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}

/** Polls until every pid has exited, SIGKILLing stragglers; gives up after `ms`. */
async function waitUntilGone(pids: number[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (pids.some(isAlive) && Date.now() < deadline) {
    for (const pid of pids.filter(isAlive)) {
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
  const pids = await serverAndPaneProcesses(socket, env);
  await run(['tmux', '-L', socket, 'kill-server'], env, graceMs);
  await waitUntilGone(pids, graceMs);
  rmSync(join(env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, socket), { force: true });
}
