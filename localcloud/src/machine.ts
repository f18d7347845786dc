/**
 * One "droplet" on this machine: a sandbox directory laid out like the VPS (`home/vibe`, the gateway's state dir)
 * and the gateway running in it as a child process on its own tmux socket. Power off stops the gateway and its
 * tmux server; power on starts it again in the same sandbox, so the gateway keeps its credential.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from './log.ts';
import type { GatewayBootEnv } from './user-data.ts';

/** How long a stopping gateway gets after SIGTERM before SIGKILL, and how long `tmux kill-server` may take. */
export const STOP_GRACE_MS = 5_000;
/** Like systemd's `Restart=always`, a gateway that exits by itself is started again, at most this many times per power-on. */
export const MAX_RESTARTS = 5;

export interface MachineSpec {
  dropletId: number;
  dataDir: string;
  /** argv of the gateway; the sandbox env is added to it. */
  command: string[];
  boot: GatewayBootEnv;
  /**
   * The gateway's VIBE_WORKSPACE_ROOT; default `<sandbox>/home/vibe/workspace`. A real droplet's is
   * /home/vibe/workspace, the path the control plane names session workdirs under (its VPS_WORKSPACE_ROOT); here
   * `npm start` gives every droplet one shared root and the Worker the same path, so those workdirs are valid.
   */
  workspaceRoot?: string;
  /** Wait before restarting a gateway that exited by itself (systemd's `RestartSec`). */
  restartDelayMs: number;
  log: Logger;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function run(argv: string[], env: Record<string, string>, ms: number): Promise<number | null> {
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

/** The pids of the processes running in a tmux server's panes (none when no server runs). */
function paneProcesses(socket: string, env: Record<string, string>): Promise<number[]> {
  return new Promise((resolve) => {
    execFile('tmux', ['-L', socket, 'list-panes', '-a', '-F', '#{pane_pid}'], { env }, (error, stdout) =>
      resolve(error ? [] : stdout.split('\n').filter(Boolean).map(Number)),
    );
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
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

export class Machine {
  readonly sandbox: string;
  readonly tmuxSocket: string;
  private child: ChildProcess | undefined;
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(private readonly spec: MachineSpec) {
    this.sandbox = join(spec.dataDir, 'droplets', String(spec.dropletId));
    this.tmuxSocket = `vibe-lc-${spec.dropletId}-${randomBytes(4).toString('hex')}`;
    const home = join(this.sandbox, 'home', 'vibe');
    mkdirSync(join(this.sandbox, 'state'), { recursive: true, mode: 0o700 });
    mkdirSync(spec.workspaceRoot ?? join(home, 'workspace'), { recursive: true });
    mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
    writeFileSync(join(home, '.ssh', 'authorized_keys'), '', { mode: 0o600, flag: 'a' });
  }

  get env(): Record<string, string> {
    const home = join(this.sandbox, 'home', 'vibe');
    return {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      LANG: 'C.UTF-8',
      HOME: home,
      VIBE_CP_URL: this.spec.boot.cpUrl,
      VIBE_BOOTSTRAP_TOKEN: this.spec.boot.bootstrapToken,
      VIBE_STATE_DIR: join(this.sandbox, 'state'),
      VIBE_WORKSPACE_ROOT: this.spec.workspaceRoot ?? join(home, 'workspace'),
      VIBE_TMUX_SOCKET: this.tmuxSocket,
      VIBE_AUTHORIZED_KEYS: join(home, '.ssh', 'authorized_keys'),
    };
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  /** Powers on: starts the gateway with a fresh restart budget. */
  start(): void {
    this.restarts = 0;
    this.spawnGateway();
  }

  private spawnGateway(): void {
    if (this.running) return;
    const [cmd, ...args] = this.spec.command;
    const logFd = openSync(join(this.sandbox, 'gateway.log'), 'a');
    const child = spawn(cmd as string, args, { cwd: this.sandbox, env: this.env, stdio: ['ignore', logFd, logFd] });
    closeSync(logFd);
    const fields = { droplet_id: this.spec.dropletId, pid: child.pid };
    child.once('error', (err) => this.spec.log.error('gateway failed to start', { ...fields, error: err.message }));
    child.once('exit', (code, signal) => {
      this.spec.log.info('gateway exited', { ...fields, code, signal });
      // `stop()` clears `this.child` first, so only an exit nobody asked for gets here with it still set.
      if (this.child === child) this.restartLater();
    });
    this.child = child;
    this.spec.log.info('gateway started', { ...fields, tmux_socket: this.tmuxSocket, sandbox: this.sandbox });
  }

  private restartLater(): void {
    if (this.restarts >= MAX_RESTARTS) {
      this.spec.log.error('gateway keeps exiting; not restarting it', {
        droplet_id: this.spec.dropletId,
        restarts: this.restarts,
      });
      return;
    }
    this.restarts += 1;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.spawnGateway();
    }, this.spec.restartDelayMs);
  }

  /** SIGTERM, then SIGKILL after STOP_GRACE_MS; then the tmux server on this machine's socket. */
  async stop(): Promise<void> {
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_GRACE_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_GRACE_MS);
      }
    }
    // Same env as the gateway (no TMUX_TMPDIR), so this reaches the same socket. Exit status 1 just means no
    // server was running. tmux 3.3a leaves the socket file behind after kill-server, so remove it too.
    const panePids = await paneProcesses(this.tmuxSocket, this.env);
    await run(['tmux', '-L', this.tmuxSocket, 'kill-server'], this.env, STOP_GRACE_MS);
    // The panes' shells still write their history into the sandbox on the way out; a stop is complete only when
    // they are gone, or a destroy right after it would race them.
    await waitUntilGone(panePids, STOP_GRACE_MS);
    rmSync(join('/tmp', `tmux-${process.getuid?.() ?? 0}`, this.tmuxSocket), { force: true });
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.sandbox, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  }
}
