/**
 * The cloud routes against localcloud, over real HTTP from inside workerd (localcloud is started in Node by
 * core/vitest.localcloud.ts): connect through the consent page, catalogue, create, provisioning timeout with the
 * console link, Retry (destroy + recreate), power off/on, destroy, disconnect; Retry and Power Off dismiss the
 * notices they answer. Access tokens from this localcloud live 5 minutes, inside the refresh margin, so every call
 * below also refreshes and rotates them. Time for the provisioning deadline is driven through the hub, and the
 * idle sweep's clock is passed to it; the real gateway's part is in test/system and test/e2e.
 */
import { env } from 'cloudflare:test';
import { answerConsent } from '@vibecode/localcloud/consent';
import { describe, expect, inject, it } from 'vitest';
import { DIGITALOCEAN_SCOPES } from '../../src/cloud/digitalocean-config.ts';
import { openDb } from '../../src/db/client.ts';
import { issueBootstrapToken } from '../../src/gateways/bootstrap-token.ts';
import { IDLE_AFTER_MS } from '../../src/notify/lifecycle-sweep.ts';
import { runLifecycleSweep } from '../../src/notify/run-sweep.ts';
import { answer } from '../helpers/api-answer.ts';
import { ORIGIN, signIn } from '../helpers/auth.ts';
import type { BrowserInit } from '../helpers/browser-request.ts';
import { callApp, localcloudVars } from '../helpers/cloud-app.ts';
import { eventually } from '../helpers/gateway-socket.ts';
import { bannerNotifier, quiet } from '../helpers/notifier.ts';

const cloudUrl = inject('localcloudUrl');
const vars = localcloudVars(cloudUrl);

const call = (path: string, cookie: string, init: BrowserInit = {}) => callApp(vars, path, cookie, init);

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

const row = (vpsId: string) =>
  env.DB.prepare('SELECT status, droplet_id, ipv4 FROM vps WHERE id = ?')
    .bind(vpsId)
    .first<{ status: string; droplet_id: number | null; ipv4: string | null }>();
const gatewayOf = async (vpsId: string) =>
  (await env.DB.prepare('SELECT id FROM gateways WHERE vps_id = ?').bind(vpsId).first<{ id: string }>())?.id as string;
const machine = (dropletId: number) => fetch(`${cloudUrl}/_localcloud/droplets/${dropletId}/machine`);
/** The kinds of the banner's open notices about this VPS, as the web app reads them. */
async function openNotices(cookie: string, vpsId: string): Promise<string[]> {
  const { notifications } = await json<{ notifications: { kind: string; vps_id: string }[] }>(
    await call('/api/notifications', cookie),
    200,
  );
  return notifications.filter((n) => n.vps_id === vpsId).map((n) => n.kind);
}

async function connectCloud(cookie: string): Promise<void> {
  const connect = await call('/api/cloud/connect', cookie);
  expect(connect.status).toBe(302);
  // Least privilege: the custom scopes VibeCode uses, never the all-account `read write`. localcloud grants what was
  // asked and refuses every call outside it, so the rest of the flow proves the list is enough.
  const scope = new URL(connect.headers.get('location') ?? '').searchParams.get('scope')?.split(' ') ?? [];
  expect(scope).toEqual([...DIGITALOCEAN_SCOPES]);
  expect(scope).not.toContain('read');
  expect(scope).not.toContain('write');
  const back = await answerConsent(connect.headers.get('location') ?? '', 'approve');
  expect(`${back.origin}${back.pathname}`).toBe(`${ORIGIN}/api/cloud/callback`);
  const callback = await call(`${back.pathname}${back.search}`, cookie);
  expect(callback.status, await callback.clone().text()).toBe(303);
  expect(callback.headers.get('location')).toBe('/dashboard');
}

describe('cloud routes against localcloud', () => {
  it('connects, lists the catalogue, and refuses a denied consent', async () => {
    const { cookie } = await signIn();
    const denied = await call('/api/cloud/connect', cookie);
    const back = await answerConsent(denied.headers.get('location') ?? '', 'deny');
    // Saying no lands on the dashboard, which says so in words; nothing is connected.
    const refused = await call(`${back.pathname}${back.search}`, cookie);
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toBe('/dashboard?cloud=denied');
    expect((await answer('GET /api/cloud', 200, await call('/api/cloud', cookie))).connection).toBeNull();

    await connectCloud(cookie);
    const { connection } = await answer('GET /api/cloud', 200, await call('/api/cloud', cookie));
    expect(connection?.account_email).toContain('@');
    const { regions } = await answer('GET /api/cloud/regions', 200, await call('/api/cloud/regions', cookie));
    expect(regions.map((r) => r.slug)).toContain('ams3');
    const { sizes } = await answer('GET /api/cloud/sizes', 200, await call('/api/cloud/sizes', cookie));
    const small = sizes.find((s) => s.slug === 's-1vcpu-1gb');
    expect(small?.price_monthly).toBeGreaterThan(0);
    expect(small?.price_hourly).toBeGreaterThan(0);
  });

  it('runs a VPS through create, provisioning timeout, Retry, power off/on and destroy', async () => {
    const { cookie } = await signIn();
    await connectCloud(cookie);

    const created = await answer(
      'POST /api/vps',
      201,
      await call('/api/vps', cookie, { method: 'POST', json: { size: 's-1vcpu-1gb', name: 'flow-box' } }),
    );
    expect(created.vps).toMatchObject({ status: 'provisioning', region: 'ams3' });
    const vpsId = created.vps.id;
    const first = (await row(vpsId))?.droplet_id as number;
    expect(first).toBeGreaterThan(0);
    // The droplet boots (`new` → `active`) a moment later and runs its machine.
    await eventually(async () => expect((await machine(first)).status).toBe(200));

    // Ten minutes pass without a hello (the deadline is driven through the hub).
    const gatewayId = await gatewayOf(vpsId);
    await env.GATEWAY_HUB.get(env.GATEWAY_HUB.idFromName(gatewayId)).watchProvisioning(
      gatewayId,
      vpsId,
      Date.now() - 1,
    );
    await eventually(async () => expect((await row(vpsId))?.status).toBe('provisioning_timeout'));
    const timedOut = await answer('GET /api/vps/:id', 200, await call(`/api/vps/${vpsId}`, cookie));
    expect(timedOut.vps.provisioning_timeout).toEqual({
      retry: true,
      console_url: `${cloudUrl}/droplets/${first}/terminal/ui/`,
    });
    expect((await fetch(timedOut.vps.provisioning_timeout?.console_url ?? '')).status).toBe(200);
    await eventually(async () => expect(await openNotices(cookie, vpsId)).toEqual(['vps.provisioning_timeout']));

    // Retry: the old droplet is destroyed, a new one created, the VPS provisions again.
    const retried = await answer(
      'POST /api/vps/:id/retry',
      200,
      await call(`/api/vps/${vpsId}/retry`, cookie, { method: 'POST' }),
    );
    expect(retried.vps.status).toBe('provisioning');
    const second = (await row(vpsId))?.droplet_id as number;
    expect(second).not.toBe(first);
    expect((await machine(first)).status).toBe(404);
    await eventually(async () => expect((await machine(second)).status).toBe(200));
    // Retry answered the timeout notice: the banner does not ask again.
    expect(await openNotices(cookie, vpsId)).toEqual([]);

    // The new droplet's gateway registers (with a token as cloud-init carries it): the droplet is up, so the
    // control plane reads its public address, which a droplet being created does not have yet.
    expect((await row(vpsId))?.ipv4).toBeNull();
    const bootstrap = await issueBootstrapToken(openDb(env.DB), vpsId, Date.now());
    await answer(
      'POST /api/gateways/register',
      200,
      await call('/api/gateways/register', cookie, { method: 'POST', json: { bootstrap_token: bootstrap } }),
    );
    expect((await row(vpsId))?.ipv4).toBe('127.0.0.1');

    // Say the gateway came up (its hello is the hub's part, tested with a protocol peer and in test/system).
    await env.DB.prepare("UPDATE vps SET status = 'ready' WHERE id = ?").bind(vpsId).run();
    // A day without activity later the sweep asks whether to power it off; Power Off answers that notice.
    await runLifecycleSweep(openDb(env.DB), bannerNotifier(), Date.now() + IDLE_AFTER_MS + 60_000, quiet);
    expect(await openNotices(cookie, vpsId)).toEqual(['vps.idle']);
    const off = await answer(
      'POST /api/vps/:id/power',
      200,
      await call(`/api/vps/${vpsId}/power`, cookie, { method: 'POST', json: { action: 'off' } }),
    );
    expect(off.vps.status).toBe('powered_off');
    expect(await openNotices(cookie, vpsId)).toEqual([]);
    expect(((await (await machine(second)).json()) as { running: boolean }).running).toBe(false);
    const on = await answer(
      'POST /api/vps/:id/power',
      200,
      await call(`/api/vps/${vpsId}/power`, cookie, { method: 'POST', json: { action: 'on' } }),
    );
    expect(on.vps.status).toBe('powering_on');
    expect(((await (await machine(second)).json()) as { running: boolean }).running).toBe(true);
    const again = await call(`/api/vps/${vpsId}/power`, cookie, { method: 'POST', json: { action: 'on' } });
    expect((await json<{ error: { code: string } }>(again, 409)).error.code).toBe('vps.invalid_state');

    expect((await call(`/api/vps/${vpsId}`, cookie, { method: 'DELETE', json: { confirm: 'flow-box' } })).status).toBe(
      204,
    );
    expect(await row(vpsId)).toBeNull();
    expect(await env.DB.prepare('SELECT count(*) AS n FROM gateways WHERE vps_id = ?').bind(vpsId).first()).toEqual({
      n: 0,
    });
    expect((await machine(second)).status).toBe(404);

    expect((await call('/api/cloud', cookie, { method: 'DELETE' })).status).toBe(204);
    expect((await json<{ error: { code: string } }>(await call('/api/cloud/sizes', cookie), 409)).error.code).toBe(
      'cloud.not_connected',
    );
  });
});
