/**
 * The whole system the fault tests break, from the system-test helpers (never copied): `wrangler dev` with a
 * fresh local state (test/e2e/system.ts), a signed-in browser (test/system/client.ts), and a VPS whose gateway —
 * this checkout's, on this machine, with its own tmux server (test/e2e/gateway.ts) — reaches the control plane
 * through a link proxy the test can cut.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiResponse } from '@vibecode/schemas';
import { seedVps, startGateway } from '../e2e/gateway.ts';
import { ensureWebBuild, type System, startSystem } from '../e2e/system.ts';
import { Browser, poll } from '../system/client.ts';
import { type LinkProxy, startLinkProxy } from './link-proxy.ts';

export interface FaultStack {
  system: System;
  browser: Browser;
  /** The gateway's way to the control plane. */
  gatewayLink: LinkProxy;
  vpsId: string;
  /** The signed-in user, who owns the VPS. */
  userId: string;
  /** Creates a shell session through the API, as the dashboard does: on the VPS, or on `vpsId`. */
  createShell(title: string, vpsId?: string): Promise<{ id: string; number: number }>;
  /** Resolves once the VPS (or `vpsId`) is `ready`: its gateway has said hello. */
  ready(vpsId?: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startFaultStack(): Promise<FaultStack> {
  ensureWebBuild();
  const dir = mkdtempSync(join(tmpdir(), 'vibe-fault-'));
  const workspaceRoot = join(dir, 'workspace');
  const stoppers: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  const stop = async () => {
    for (const step of stoppers.reverse()) await step();
  };
  try {
    const system = await startSystem({ VPS_WORKSPACE_ROOT: workspaceRoot });
    stoppers.push(() => system.stop());
    const browser = new Browser(system.origin);
    await browser.signIn(`fault-${Date.now()}@example.com`);
    const { user } = await browser.json<ApiResponse<'GET /api/me'>>('GET', '/api/me');
    const vpsId = `vps_fault_${Date.now()}`;
    const token = seedVps(system, user.id, vpsId, 'fault-box');
    const gatewayLink = await startLinkProxy(Number(new URL(system.origin).port));
    stoppers.push(() => gatewayLink.close());
    const gateway = startGateway({ cpUrl: gatewayLink.url, token, dir: join(dir, 'gateway'), workspaceRoot });
    stoppers.push(() => gateway.stop());
    const ready = (on = vpsId, timeoutMs = 60_000) =>
      poll(
        'VPS ready',
        async () => {
          // A control plane that is restarting refuses the connection: that is "not yet", not a failure.
          const vps = await browser.json<ApiResponse<'GET /api/vps/:id'>>('GET', `/api/vps/${on}`).then(
            (body) => body.vps,
            () => undefined,
          );
          return vps?.status === 'ready' ? true : undefined;
        },
        timeoutMs,
      ).then(() => undefined);
    await ready();
    return {
      system,
      browser,
      gatewayLink,
      vpsId,
      userId: user.id,
      ready,
      createShell: async (title, on = vpsId) => {
        const { session } = await browser.json<ApiResponse<'POST /api/vps/:id/sessions'>>(
          'POST',
          `/api/vps/${on}/sessions`,
          { title, agent_type: 'shell' },
          201,
        );
        return session;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
