/**
 * A gateway process in a throwaway sandbox: its own temp dirs, its own tmux socket (killed in teardown), and
 * the real bin spawned as a child process. Test-only code.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopTmuxServer } from '@vibecode/localcloud/tmux-server-stop';
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
  /** Stops the sandbox's tmux server and what runs in it, then removes the sandbox. */
  cleanup(): Promise<void>;
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
    cleanup: async () => {
      // The shells killed with the server still write their history into the sandbox home on the way out.
      await stopTmuxServer(tmuxSocket, env, 10_000);
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
