/**
 * A gateway process in a throwaway sandbox: its own temp dirs, its own tmux socket (killed in teardown), and
 * the real bin spawned as a child process. Test-only code.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectJsonLines } from './json-lines.ts';

export const BIN = join(import.meta.dirname, '..', 'bin', 'vibe-gateway.js');

export interface Sandbox {
  dir: string;
  home: string;
  stateDir: string;
  workspace: string;
  authorizedKeys: string;
  tmuxSocket: string;
  /** Runs tmux against the sandbox's server. */
  tmux(...args: string[]): string;
  cleanup(): void;
}

/**
 * Whether `pid` still runs. An exited process waits as a zombie until its parent reaps it; an orphan's parent is
 * init, which on these machines reaps every ~2 s: a zombie writes nothing more, so it counts as gone.
 */
function isAlive(pid: number): boolean {
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

function waitUntilGone(pids: number[], timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive) && Date.now() < deadline) {
    for (const pid of pids.filter(isAlive)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // exited in between
      }
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
}

/** One line per pane: the server's pid, whether the pane is dead, the pane's process. */
const PANE_PIDS = '#{pid} #{pane_dead} #{pane_pid}';

/**
 * The pids in `list-panes -F PANE_PIDS` output worth waiting for: the server's, and the processes of live panes. Not
 * a dead pane's (remain-on-exit): its process was reaped when it ended and its pid may be another's by now.
 */
function serverAndLivePanes(output: string): number[] {
  const pids = new Set<number>();
  const lines = output.split('\n').filter(Boolean);
  for (const [server, dead, pane] of lines.map((line) => line.split(' '))) {
    pids.add(Number(server));
    if (dead === '0') pids.add(Number(pane));
  }
  return [...pids];
}

export function createSandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'vibe-gw-'));
  const home = join(dir, 'home');
  const workspace = join(home, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const tmuxSocket = `vgt-${randomBytes(5).toString('hex')}`;
  const env = { ...process.env, TMUX: '', TMUX_PANE: '' };
  return {
    dir,
    home,
    stateDir: join(home, '.vibe-gateway'),
    workspace,
    authorizedKeys: join(home, '.ssh', 'authorized_keys'),
    tmuxSocket,
    tmux: (...args) => execFileSync('tmux', ['-L', tmuxSocket, ...args], { env, encoding: 'utf8' }),
    cleanup: () => {
      /** The server and its live panes' processes: each must be gone before the sandbox is removed. */
      let pids: number[] = [];
      try {
        pids = serverAndLivePanes(
          execFileSync('tmux', ['-L', tmuxSocket, 'list-panes', '-a', '-F', PANE_PIDS], { env, encoding: 'utf8' }),
        );
      } catch {
        // no server, or a server with no session left (the gateway's config keeps an empty one running)
      }
      try {
        execFileSync('tmux', ['-L', tmuxSocket, 'kill-server'], { env, stdio: 'ignore' });
      } catch {
        // no server was running
      }
      // Shells killed with the server still write their history into the sandbox home on the way out: wait
      // (bounded) until they are gone, so removing the sandbox does not race them. The server too: a kill-server
      // that failed (seen once, busy panes on a loaded machine) would leave it running once its socket is removed.
      waitUntilGone(pids, 10_000);
      // tmux does not always unlink its socket when killed.
      rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, tmuxSocket), { force: true });
      rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
    },
  };
}

export interface GatewayProcess {
  child: ChildProcess;
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
  /** Sends a signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** `command` runs the gateway: the checkout's bin by default, or e.g. an unpacked release's `bin/vibe-gateway`. */
export function startGateway(
  sandbox: Sandbox,
  cpUrl: string,
  env: Record<string, string> = {},
  command: string[] = [process.execPath, BIN],
): GatewayProcess {
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, [...args, 'run'], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: sandbox.home,
      LANG: 'C.UTF-8',
      VIBE_CP_URL: cpUrl,
      VIBE_STATE_DIR: sandbox.stateDir,
      VIBE_WORKSPACE_ROOT: sandbox.workspace,
      VIBE_TMUX_SOCKET: sandbox.tmuxSocket,
      VIBE_AUTHORIZED_KEYS: sandbox.authorizedKeys,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  collectJsonLines(child.stdout, logs);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      if (code !== 0 && code !== null && stderr) process.stderr.write(`gateway stderr: ${stderr}\n`);
      resolve(code);
    });
  });
  return {
    child,
    logs,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
