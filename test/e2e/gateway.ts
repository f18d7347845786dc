/**
 * A VPS without a cloud: the VPS row and a one-time bootstrap token are put in D1 (what provisioning will do),
 * and the gateway from this repo runs on this machine with that token, in a temp dir with its own tmux server,
 * registering with the control plane exactly as cloud-init's would.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { System } from './system.ts';

const root = join(import.meta.dirname, '..', '..');

export function seedVps(system: System, userId: string, vpsId: string, name: string): string {
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
  stop(): Promise<void>;
  output(): string;
}

export function startGateway(options: { cpUrl: string; token: string; dir: string; workspaceRoot: string }) {
  const socket = `vibe-e2e-${process.pid}-${Date.now()}`;
  const state = join(options.dir, 'state');
  mkdirSync(state, { recursive: true });
  mkdirSync(options.workspaceRoot, { recursive: true });
  const authorizedKeys = join(options.dir, 'authorized_keys');
  writeFileSync(authorizedKeys, '');
  const child: ChildProcess = spawn(process.execPath, [join(root, 'gateway', 'bin', 'vibe-gateway.js'), 'run'], {
    cwd: options.dir,
    env: {
      ...process.env,
      VIBE_CP_URL: options.cpUrl,
      VIBE_BOOTSTRAP_TOKEN: options.token,
      VIBE_STATE_DIR: state,
      VIBE_WORKSPACE_ROOT: options.workspaceRoot,
      VIBE_TMUX_SOCKET: socket,
      VIBE_AUTHORIZED_KEYS: authorizedKeys,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      // SIGTERM leaves tmux sessions running by design; this test's tmux server goes with the test.
      spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
    },
  } satisfies LocalGateway;
}
