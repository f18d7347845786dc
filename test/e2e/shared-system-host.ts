/**
 * The global setup that hosts the shared system (shared-system.ts) in vitest's own process, so one boot serves every
 * file of the run: each file runs in a fresh worker process, where a module-level singleton would boot again. The
 * boot waits for the first file that asks, over a loopback HTTP endpoint (`provide` only carries values fixed before
 * any file runs), so a run of files that keep their own system boots nothing extra. A failed boot is answered to
 * every file that asks, not retried.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakePushService } from '@vibecode/fakes/webpush';
import type { TestProject } from 'vitest/node';
import { newVapidPrivateKey, pushVars } from '../../scripts/boot/index.mjs';
import { startCloud } from './cloud.ts';
import type { SharedSystemInfo } from './shared-system.ts';
import { startSystem } from './system.ts';

interface Booted {
  info: SharedSystemInfo;
  stop(): Promise<void>;
}

/** An ed25519 public key line, as `ssh-keygen` writes it: the Worker's SUPPORT_PUBLIC_KEY. */
function supportKey(dir: string): string {
  const file = join(dir, 'support');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'support@e2e', '-f', file]);
  return readFileSync(`${file}.pub`, 'utf8').trim();
}

async function boot(dir: string): Promise<Booted> {
  const [cloud, push] = await Promise.all([startCloud(dir), startFakePushService()]);
  try {
    const workspaceRoot = cloud.vars.VPS_WORKSPACE_ROOT;
    if (!workspaceRoot) throw new Error('the cloud vars name no VPS_WORKSPACE_ROOT');
    const state = join(dir, 'state');
    mkdirSync(state);
    const system = await startSystem(
      {
        ...cloud.vars,
        ...pushVars({ serviceUrl: push.url, privateKey: newVapidPrivateKey() }),
        SUPPORT_PUBLIC_KEY: supportKey(dir),
      },
      { state },
    );
    return {
      info: { origin: system.origin, state, workspaceRoot, cloudUrl: cloud.cloud.url, pushServiceUrl: push.url },
      async stop() {
        await system.stop();
        await Promise.all([cloud.close(), push.close()]);
      },
    };
  } catch (error) {
    await Promise.all([cloud.close(), push.close()]);
    throw error;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let dir: string | undefined;
  let booting: Promise<Booted> | undefined;
  const server = createServer((_req, res) => {
    if (!booting) {
      dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-shared-'));
      booting = boot(dir);
    }
    booting.then(
      (booted) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(booted.info));
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(error instanceof Error ? (error.stack ?? error.message) : String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the shared system host has no address');
  project.provide('sharedSystemHost', `http://127.0.0.1:${address.port}/`);
  return async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    const booted = await booting?.catch(() => undefined);
    await booted?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
