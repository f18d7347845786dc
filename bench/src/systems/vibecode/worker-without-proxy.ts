/**
 * The control plane without `wrangler dev`'s proxy, for the bench's second VibeCode column. `wrangler dev` runs two
 * Miniflare instances, each its own workerd: a ProxyWorker on the public port (wrangler 4.86,
 * `ProxyController.createProxyWorker`) that forwards every request and WebSocket to the user Worker's instance on
 * a port of its own (`LocalRuntimeController`). A deployed Worker has no such hop. Here the same Worker, built as
 * `wrangler deploy` builds it, runs in one Miniflare (miniflare-host.ts) whose own entry socket is the origin:
 * the same local D1/KV/DO state (migrated as test/e2e/system.ts migrates it), the same test build of the web app,
 * the same vars.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startChild } from '../../../../scripts/boot/child.mjs';
import { freePort, migratedState, root, waitUntilServing, writeBuildConfig } from '../../../../scripts/boot/index.mjs';
import type { HostOptions } from './miniflare-host.ts';

const HOST = join(import.meta.dirname, 'miniflare-host.ts');
const START_TIMEOUT_MS = 60_000;

export interface ControlPlane {
  origin: string;
  stop(): Promise<void>;
}

/** `wrangler deploy --dry-run`: the bundle a deploy would upload (no dev middleware), written to `outdir`. */
async function deployBundle(config: string, outdir: string): Promise<string> {
  await promisify(execFile)(
    join(root, 'node_modules', '.bin', 'wrangler'),
    ['deploy', '--dry-run', '--outdir', outdir, '--config', config],
    { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' } },
  );
  return join(outdir, 'index.js');
}

/** `vars`: the cloud's Worker vars; the local settings and the secret are added as test/e2e/system.ts adds them. */
export async function startWorkerWithoutProxy(vars: Record<string, string>): Promise<ControlPlane> {
  const state = mkdtempSync(join(tmpdir(), 'vibe-bench-state-'));
  try {
    migratedState({ persistTo: state });
    const config = writeBuildConfig(state, { testHook: true });
    const host: HostOptions = {
      config,
      script: await deployBundle(config, join(state, 'bundle')),
      persistRoot: join(state, 'v3'),
      port: await freePort(),
      vars: {
        TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        APP_ENV: 'local',
        EMAIL_MODE: 'outbox',
        ...vars,
      },
    };
    const child = startChild(process.execPath, ['--import', 'tsx', HOST, JSON.stringify(host)]);
    try {
      await waitUntilServing(child, {
        url: `http://127.0.0.1:${host.port}/api/me`,
        status: 401,
        timeoutMs: START_TIMEOUT_MS,
      });
    } catch (error) {
      await child.stop();
      throw error;
    }
    return {
      // As test/e2e/system.ts: the Worker's cookies and Origin checks are for the name a browser would use.
      origin: `http://localhost:${host.port}`,
      stop: async () => {
        await child.stop();
        rmSync(state, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(state, { recursive: true, force: true });
    throw error;
  }
}
