/**
 * A VPS without a cloud: the VPS row and a one-time bootstrap token are put in D1 (what provisioning will do),
 * and the gateway from this repo runs on this machine with that token, in a temp dir with its own tmux server,
 * registering with the control plane exactly as cloud-init's would.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { signIn, userId } from './sign-in.ts';
import type { System } from './system.ts';

const root = join(import.meta.dirname, '..', '..');

export function seedVps(system: Pick<System, 'sql'>, userId: string, vpsId: string, name: string): string {
  const token = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(token).digest('hex');
  const now = Date.now();
  system.sql(
    `INSERT INTO vps (id, user_id, name, region, size, ipv4, status, created_at, updated_at) VALUES ('${vpsId}', '${userId}', '${name}', 'ams3', 's-1vcpu-2gb', '127.0.0.1', 'provisioning', ${now}, ${now}); ` +
      `INSERT INTO bootstrap_tokens (token_hash, vps_id, created_at, expires_at) VALUES ('${hash}', '${vpsId}', ${now}, ${now + 3_600_000});`,
  );
  return token;
}

export interface LocalGateway {
  /** SIGTERM: the tmux server and its sessions live on, as when a real gateway stops for an update. */
  halt(): Promise<void>;
  /** Starts it again after `halt`, with the same state (its credential, its tmux server). */
  resume(): void;
  /** `halt` then `resume`. */
  restart(): Promise<void>;
  /** SIGTERM, then the test's tmux server goes too. */
  stop(): Promise<void>;
  output(): string;
  /** Runs a tmux command against its tmux server (e.g. to read a pane as tmux holds it); its stdout. */
  tmux(...args: string[]): string;
}

/**
 * Each pane's size as its tmux server holds it, `rows cols` as `stty size` prints them. A viewer's resize reaches
 * the pane as a SIGWINCH through the gateway's tmux client, a typed command as input: a command typed the moment the
 * page shows the new size may run at the old one, so a test that types `stty size` waits for this first.
 */
export function paneSizes(server: Pick<LocalGateway, 'tmux'> | undefined): string[] {
  const listed = server?.tmux('list-panes', '-a', '-F', '#{pane_height} #{pane_width}') ?? '';
  return listed.split('\n').filter(Boolean);
}

/** Each pane's width, as `tput cols` prints it (`paneSizes` says why a test waits for it). */
export function paneWidths(server: Pick<LocalGateway, 'tmux'> | undefined): number[] {
  return paneSizes(server).map((size) => Number(size.split(' ')[1]));
}

export interface GatewayOptions {
  cpUrl: string;
  token: string;
  dir: string;
  workspaceRoot: string;
  /** `VIBE_HEALTH_INTERVAL_S`; the gateway's default (30) when absent. */
  healthIntervalS?: number;
}

export function startGateway(options: GatewayOptions): LocalGateway {
  const socket = `vibe-e2e-${process.pid}-${Date.now()}`;
  const state = join(options.dir, 'state');
  mkdirSync(state, { recursive: true });
  mkdirSync(options.workspaceRoot, { recursive: true });
  const authorizedKeys = join(options.dir, 'authorized_keys');
  writeFileSync(authorizedKeys, '');
  // The sessions' shells get a home of their own, as on a droplet: they read no dotfiles of this machine's user
  // (whose ~/.bashrc may hang an interactive shell) and write their history into the test's folder.
  const home = join(options.dir, 'home');
  mkdirSync(home, { recursive: true });
  const env = {
    ...process.env,
    HOME: home,
    VIBE_CP_URL: options.cpUrl,
    // Only the first start trades it; later starts find the credential in the state dir.
    VIBE_BOOTSTRAP_TOKEN: options.token,
    VIBE_STATE_DIR: state,
    VIBE_WORKSPACE_ROOT: options.workspaceRoot,
    VIBE_TMUX_SOCKET: socket,
    VIBE_AUTHORIZED_KEYS: authorizedKeys,
    ...(options.healthIntervalS === undefined ? {} : { VIBE_HEALTH_INTERVAL_S: String(options.healthIntervalS) }),
  };
  let output = '';
  const spawnGateway = (): ChildProcess => {
    const child = spawn(process.execPath, [join(root, 'gateway', 'bin', 'vibe-gateway.js'), 'run'], {
      cwd: options.dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    return child;
  };
  const terminate = async (child: ChildProcess) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  let child = spawnGateway();
  const halt = () => terminate(child);
  const resume = () => {
    child = spawnGateway();
  };
  return {
    output: () => output,
    tmux: (...args) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' }).stdout,
    halt,
    resume,
    restart: async () => {
      await halt();
      resume();
    },
    stop: async () => {
      await terminate(child);
      // SIGTERM leaves tmux sessions running by design; this test's tmux server goes with the test.
      spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
      // tmux does not always unlink its socket when killed; the test leaves nothing behind.
      rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, socket), { force: true });
    },
  };
}

/**
 * Signs `page` in as `email`, puts a VPS for that user in D1 and starts its gateway; the caller stops the returned
 * gateway (also when a later step fails) and waits for ready with `waitUntilReady`.
 */
export async function signInWithLocalVps(
  page: Page,
  system: Pick<System, 'origin' | 'sql'>,
  options: Omit<GatewayOptions, 'cpUrl' | 'token'> & { email: string; vpsId: string; name: string },
): Promise<LocalGateway> {
  await signIn(page, system.origin, options.email);
  const token = seedVps(system, await userId(page), options.vpsId, options.name);
  return startGateway({ ...options, cpUrl: system.origin, token });
}

/** Opens the server page until it shows the VPS Ready (its gateway registered and said hello). */
export async function waitUntilReady(page: Page, origin: string, vpsId: string): Promise<void> {
  await page.goto(`${origin}/vps/${vpsId}`);
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.locator('main').textContent();
      },
      { timeout: 30_000, interval: 200 },
    )
    .toContain('Ready');
}
