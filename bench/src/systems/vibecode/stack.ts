/**
 * VibeCode's whole local stack, as a user meets it, built from the system-test harness (never copied): the web
 * build, localcloud with a signed gateway release (test/e2e/cloud.ts), `wrangler dev` pointed at it
 * (test/e2e/system.ts), then over HTTP only, like a browser (test/system/client.ts): sign in through the dev
 * outbox, connect the cloud on localcloud's consent page, create a VPS and wait until its gateway is ready.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { answerConsent } from '@vibecode/localcloud';
import type { ApiResponse } from '@vibecode/schemas';
import { type E2eCloud, startCloud } from '../../../../test/e2e/cloud.ts';
import { type System, startSystem } from '../../../../test/e2e/system.ts';
import { Browser, poll } from '../../../../test/system/client.ts';

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
  machine: Machine;
  /** The Worker's origin (`wrangler dev`). */
  origin: string;
  stop(): Promise<void>;
}

/** The Worker serves the web build; a fresh clone has none yet (`npm start` and the e2e setup build it the same way). */
function ensureWebBuild(say: (line: string) => void): void {
  if (existsSync(join(root, 'web', 'build', 'worker.js'))) return;
  say('building the web app (first run)…');
  const env = { ...process.env, NODE_ENV: 'production' };
  const built = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, env, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`web build failed:\n${built.stdout}\n${built.stderr}`);
}

async function connectCloud(browser: Browser): Promise<void> {
  const connect = await browser.request('GET', '/api/cloud/connect');
  const authorize = connect.headers.get('location');
  if (connect.status !== 302 || !authorize) throw new Error(`/api/cloud/connect answered ${connect.status}`);
  const back = await answerConsent(authorize, 'approve');
  const callback = await browser.request('GET', `${back.pathname}${back.search}`);
  if (callback.status !== 303) throw new Error(`cloud callback answered ${callback.status}: ${await callback.text()}`);
}

async function createReadyVps(browser: Browser): Promise<string> {
  const { vps } = await browser.json<ApiResponse<'POST /api/vps'>>(
    'POST',
    '/api/vps',
    { size: 's-1vcpu-1gb', name: 'bench' },
    201,
  );
  await poll(
    'VPS ready',
    async () => {
      const { vps: now } = await browser.json<ApiResponse<'GET /api/vps/:id'>>('GET', `/api/vps/${vps.id}`);
      return now.status === 'ready' ? true : undefined;
    },
    120_000,
  );
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

export async function startStack(dir: string, say: (line: string) => void): Promise<Stack> {
  ensureWebBuild(say);
  say('starting localcloud with the signed gateway release…');
  const cloud = await startCloud(dir);
  let system: System | undefined;
  try {
    say('starting wrangler dev…');
    system = await startSystem(cloud.vars);
    const browser = new Browser(system.origin);
    await browser.signIn('bench@example.com');
    await connectCloud(browser);
    say('creating a VPS and waiting for its gateway…');
    const vpsId = await createReadyVps(browser);
    const running = system;
    return {
      browser,
      vpsId,
      machine: await machineOf(cloud),
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
