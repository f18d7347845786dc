/**
 * One "droplet" on this machine: a sandbox directory laid out like the VPS (`home/vibe`, `etc/vibe`,
 * `opt/vibe-gateway`, the gateway's state dir) and the gateway running in it as a child process on its own tmux
 * socket. Its first power-on runs the user_data's install script in the sandbox (like cloud-init after boot), then
 * starts the installed unit's ExecStart — the unpacked release, never this checkout. Power off stops the gateway and
 * its tmux server; power on starts the unit again in the same sandbox, so the gateway keeps its credential. Like
 * systemd's `Restart=always` with `StartLimitIntervalSec=0`, a gateway that exits by itself is started again after
 * the restart delay, without a cap (self-update restarts this way).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@vibecode/schemas/log';
import { type InstallRun, runInstall } from './install.ts';
import { stopTmuxServer } from './tmux-server-stop.ts';
import { unitStart } from './unit-file.ts';
import { type DropletBoot, envLines, type GatewayBootEnv } from './user-data.ts';

/** How long a stopping gateway gets after SIGTERM before SIGKILL, and how long `tmux kill-server` may take. */
export const STOP_GRACE_MS = 5_000;
/** Where the install script puts the unit (systemd's place), and the env file cloud-init writes. */
export const UNIT_FILE = 'etc/systemd/system/vibe-gateway.service';
export const GATEWAY_ENV_FILE = 'etc/vibe/gateway.env';

export type GatewayLaunch =
  /** The first power-on installs the release from the user_data; every power-on then starts the installed unit. */
  | { install: DropletBoot }
  /** Test-only: this argv is the gateway, with the user_data's CP URL and bootstrap token; nothing is installed. */
  | { testCommand: string[]; boot: GatewayBootEnv };

/** `pending` until the first power-on; `failed` is final, as for cloud-init (a power-on does not run it again). */
export type InstallState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface MachineSpec {
  dropletId: number;
  dataDir: string;
  launch: GatewayLaunch;
  /**
   * The gateway's VIBE_WORKSPACE_ROOT; default `<sandbox>/home/vibe/workspace`. A real droplet's is
   * /home/vibe/workspace, the path the control plane names session workdirs under (its VPS_WORKSPACE_ROOT); here
   * `npm start` gives every droplet one shared root and the Worker the same path, so those workdirs are valid.
   */
  workspaceRoot?: string;
  /** Wait before restarting a gateway that exited by itself (systemd's `RestartSec`). */
  restartDelayMs: number;
  /** Test-only: extra gateway environment (a systemd drop-in's `Environment=`); the sandbox's own paths win. */
  gatewayEnv?: Record<string, string>;
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

export class Machine {
  readonly sandbox: string;
  readonly tmuxSocket: string;
  private child: ChildProcess | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private install: InstallRun | undefined;
  private installStatus: InstallState;
  /** Between a power-on and the next stop: an install that finishes while off starts no gateway. */
  private powered = false;

  constructor(private readonly spec: MachineSpec) {
    this.sandbox = join(spec.dataDir, 'droplets', String(spec.dropletId));
    this.tmuxSocket = `vibe-lc-${spec.dropletId}-${randomBytes(4).toString('hex')}`;
    this.installStatus = 'install' in spec.launch ? 'pending' : 'skipped';
    const home = join(this.sandbox, 'home', 'vibe');
    mkdirSync(join(this.sandbox, 'state'), { recursive: true, mode: 0o700 });
    mkdirSync(spec.workspaceRoot ?? join(home, 'workspace'), { recursive: true });
    mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
    writeFileSync(join(home, '.ssh', 'authorized_keys'), '', { mode: 0o600, flag: 'a' });
  }

  /** The sandbox's side of the droplet layout; the gateway's env adds its settings to it. */
  get env(): Record<string, string> {
    const home = join(this.sandbox, 'home', 'vibe');
    return {
      // The release's bin/ (node, npm) and the droplet user's own npm prefix come first, as in the unit's PATH.
      PATH: [join(home, '.local', 'bin'), join(this.sandbox, 'opt', 'vibe-gateway', 'current', 'bin'), process.env.PATH]
        .filter(Boolean)
        .join(':'),
      LANG: 'C.UTF-8',
      HOME: home,
      VIBE_STATE_DIR: join(this.sandbox, 'state'),
      VIBE_WORKSPACE_ROOT: this.spec.workspaceRoot ?? join(home, 'workspace'),
      VIBE_TMUX_SOCKET: this.tmuxSocket,
      VIBE_AUTHORIZED_KEYS: join(home, '.ssh', 'authorized_keys'),
      // Agent CLIs an installer puts "globally" land in the sandbox, never in the host's /usr.
      npm_config_prefix: join(home, '.local'),
    };
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get installState(): InstallState {
    return this.installStatus;
  }

  /** Powers on: the first time installs the release (then starts it), later times start the installed unit. */
  start(): void {
    this.powered = true;
    if (this.installStatus === 'pending') this.runInstall();
    else if (this.installStatus === 'done' || this.installStatus === 'skipped') this.spawnGateway();
  }

  private runInstall(): void {
    const { launch, dropletId, log } = this.spec;
    if (!('install' in launch)) return;
    this.installStatus = 'running';
    let run: InstallRun;
    try {
      run = runInstall(this.sandbox, launch.install, {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        LANG: 'C.UTF-8',
        HOME: join(this.sandbox, 'home', 'vibe'),
      });
    } catch (err) {
      this.installStatus = 'failed';
      log.error('droplet install failed', { droplet_id: dropletId, error: (err as Error).message });
      return;
    }
    this.install = run;
    log.info('droplet install started', { droplet_id: dropletId, command: launch.install.install[0] });
    run.done.then((code) => {
      if (this.install !== run) {
        // Stopped part-way (power off): the next power-on installs again, as cloud-init would after a reboot.
        this.installStatus = 'pending';
        return;
      }
      this.install = undefined;
      this.installStatus = code === 0 ? 'done' : 'failed';
      const fields = { droplet_id: dropletId, code, log: join(this.sandbox, 'var', 'log', 'vibe-install.log') };
      if (code !== 0) {
        log.error('droplet install failed: no gateway on this droplet', fields);
        return;
      }
      log.info('droplet install done', fields);
      if (this.powered) this.spawnGateway();
    });
  }

  /** argv, working directory and environment of the gateway, or why it cannot start. */
  private gatewayStart(): { argv: string[]; cwd: string; env: Record<string, string> } | { reason: string } {
    const { launch } = this.spec;
    if ('testCommand' in launch) {
      const env = {
        ...this.spec.gatewayEnv,
        ...this.env,
        VIBE_CP_URL: launch.boot.cpUrl,
        VIBE_BOOTSTRAP_TOKEN: launch.boot.bootstrapToken,
      };
      return { argv: launch.testCommand, cwd: this.sandbox, env };
    }
    const unitFile = join(this.sandbox, UNIT_FILE);
    if (!existsSync(unitFile)) return { reason: `no unit at ${unitFile}` };
    const start = unitStart(readFileSync(unitFile, 'utf8'), this.sandbox);
    if ('reason' in start) return start;
    // Like systemd: the env file is read at every start (it may have changed); the sandbox's paths win over it.
    const envFile = join(this.sandbox, GATEWAY_ENV_FILE);
    const fromFile = existsSync(envFile) ? Object.fromEntries(envLines(readFileSync(envFile, 'utf8'))) : {};
    const env = {
      ...fromFile,
      ...this.spec.gatewayEnv,
      ...this.env,
      VIBE_RELEASE_ROOT: join(this.sandbox, 'opt', 'vibe-gateway'),
      VIBE_RELEASE_PUBLIC_KEY: join(this.sandbox, 'etc', 'vibe', 'gateway-release.pub'),
    };
    return { ...start, env };
  }

  private spawnGateway(): void {
    if (this.running) return;
    const fields = { droplet_id: this.spec.dropletId };
    const start = this.gatewayStart();
    if ('reason' in start) {
      this.spec.log.error('gateway cannot start', { ...fields, reason: start.reason });
      return;
    }
    const [cmd, ...args] = start.argv;
    const logFd = openSync(join(this.sandbox, 'gateway.log'), 'a');
    const child = spawn(cmd as string, args, { cwd: start.cwd, env: start.env, stdio: ['ignore', logFd, logFd] });
    closeSync(logFd);
    const withPid = { ...fields, pid: child.pid };
    child.once('error', (err) => this.spec.log.error('gateway failed to start', { ...withPid, error: err.message }));
    child.once('exit', (code, signal) => {
      this.spec.log.info('gateway exited', { ...withPid, code, signal });
      // `stop()` clears `this.child` first, so only an exit nobody asked for gets here with it still set.
      if (this.child === child) this.restartLater();
    });
    this.child = child;
    this.spec.log.info('gateway started', {
      ...withPid,
      command: cmd,
      tmux_socket: this.tmuxSocket,
      sandbox: this.sandbox,
    });
  }

  private restartLater(): void {
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.spawnGateway();
    }, this.spec.restartDelayMs);
  }

  /** Stops a running install, then the gateway: SIGTERM, SIGKILL after STOP_GRACE_MS; then its tmux server. */
  async stop(): Promise<void> {
    this.powered = false;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const install = this.install;
    this.install = undefined;
    await install?.stop();
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_GRACE_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_GRACE_MS);
      }
    }
    // Same env as the gateway (no TMUX_TMPDIR), so this reaches the same socket.
    await stopTmuxServer(this.tmuxSocket, this.env, STOP_GRACE_MS);
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.sandbox, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  }
}
