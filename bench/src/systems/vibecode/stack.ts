/**
 * VibeCode's whole local stack, as a user meets it, built from the system-test harness (never copied): the web
 * build, localcloud with a signed gateway release (test/e2e/cloud.ts), the Worker pointed at it — under `wrangler
 * dev` (test/e2e/system.ts) or without its proxy (worker-without-proxy.ts) — then over HTTP only, like a browser
 * (test/system/client.ts): sign in through the dev outbox, connect the cloud on localcloud's consent page, create a
 * VPS and wait until its gateway is ready. The gateway reaches the Worker at the origin the browser used.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { answerConsent } from '@vibecode/localcloud';
import type { ApiResponse } from '@vibecode/schemas';
import { type E2eCloud, startCloud } from '../../../../test/e2e/cloud.ts';
import { ensureWebBuild, startSystem } from '../../../../test/e2e/system.ts';
import { Browser, poll } from '../../../../test/system/client.ts';
import { type ControlPlane, startWorkerWithoutProxy } from './worker-without-proxy.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..');

export interface Machine {
  /** The gateway process, as localcloud runs it from the installed release. */
  gatewayPid: number;
  /** The droplet's own tmux server socket (`tmux -L`). */
  tmuxSocket: string;
}

export interface Stack {
  browser: Browser;
  vpsId: string;
  /** The droplet as it runs now (a restarted gateway has a new pid). */
  readonly machine: Machine;
  /**
   * Waits until the gateway is online, then re-reads the droplet. Its link can drop during a run (e.g. `wrangler
   * dev` rebuilds the Worker when a source file changes, as on a machine where others edit the repo); the gateway
   * then reconnects with backoff, and a session asked for meanwhile would be refused (`gateway.offline`).
   */
  ready(): Promise<void>;
  /** The Worker's origin (`wrangler dev`'s proxy, or the Worker's own Miniflare). */
  origin: string;
  stop(): Promise<void>;
}

async function connectCloud(browser: Browser): Promise<void> {
  const connect = await browser.request('GET', '/api/cloud/connect');
  const authorize = connect.headers.get('location');
  if (connect.status !== 302 || !authorize) throw new Error(`/api/cloud/connect answered ${connect.status}`);
  const back = await answerConsent(authorize, 'approve');
  const callback = await browser.request('GET', `${back.pathname}${back.search}`);
  if (callback.status !== 303) throw new Error(`cloud callback answered ${callback.status}: ${await callback.text()}`);
}

/** Resolves once the VPS is `ready` (its gateway said hello); a Worker that is reloading is "not yet". */
function vpsReady(browser: Browser, vpsId: string, timeoutMs: number): Promise<unknown> {
  return poll(
    'VPS ready',
    async () => {
      const vps = await browser.json<ApiResponse<'GET /api/vps/:id'>>('GET', `/api/vps/${vpsId}`).then(
        (body) => body.vps,
        () => undefined,
      );
      return vps?.status === 'ready' ? true : undefined;
    },
    timeoutMs,
  );
}

async function createReadyVps(browser: Browser): Promise<string> {
  const { vps } = await browser.json<ApiResponse<'POST /api/vps'>>(
    'POST',
    '/api/vps',
    { size: 's-1vcpu-1gb', name: 'bench' },
    201,
  );
  await vpsReady(browser, vps.id, 120_000);
  return vps.id;
}

async function machineOf(cloud: E2eCloud): Promise<Machine> {
  const [droplet] = readdirSync(join(cloud.cloud.dataDir, 'droplets'));
  if (!droplet) throw new Error('localcloud has no droplet');
  const res = await fetch(`${cloud.cloud.url}/_localcloud/droplets/${droplet}/machine`);
  const machine = (await res.json()) as { pid: number | null; tmux_socket: string };
  if (machine.pid === null) throw new Error('the droplet has no running gateway');
  return { gatewayPid: machine.pid, tmuxSocket: machine.tmux_socket };
}

/** How the Worker runs: `wrangler dev` as `npm start` runs it, or the deploy bundle in Miniflare with no proxy. */
export type WorkerMode = 'wrangler-dev' | 'no-dev-proxy';

export async function startStack(dir: string, mode: WorkerMode, say: (line: string) => void): Promise<Stack> {
  // Synchronous, and first: it finishes before the peers start, so their readiness probes never wait on it.
  if (!existsSync(join(root, 'web', 'build', 'worker.js'))) say('building the web app (first run)…');
  ensureWebBuild();
  say('starting localcloud with the signed gateway release…');
  const cloud = await startCloud(dir);
  let system: ControlPlane | undefined;
  try {
    say(mode === 'wrangler-dev' ? 'starting wrangler dev…' : 'bundling the Worker and starting it in Miniflare…');
    system = mode === 'wrangler-dev' ? await startSystem(cloud.vars) : await startWorkerWithoutProxy(cloud.vars);
    const browser = new Browser(system.origin);
    await browser.signIn('bench@example.com');
    await connectCloud(browser);
    say('creating a VPS and waiting for its gateway…');
    const vpsId = await createReadyVps(browser);
    const running = system;
    let machine = await machineOf(cloud);
    return {
      browser,
      vpsId,
      get machine() {
        return machine;
      },
      ready: async () => {
        const started = performance.now();
        await vpsReady(browser, vpsId, 60_000);
        const waited = performance.now() - started;
        if (waited > 1000) say(`the gateway was offline; back after ${(waited / 1000).toFixed(1)} s`);
        machine = await machineOf(cloud);
      },
      origin: system.origin,
      stop: async () => {
        await running.stop();
        await cloud.close();
      },
    };
  } catch (error) {
    await system?.stop();
    await cloud.close();
    throw error;
  }
}
