/**
 * Truthful power status inside workerd against localcloud (issue 12, point 5): a droplet powered off or on outside
 * VibeCode (through DigitalOcean's own API, with a grant of its own) shows as it is when the server page reads the
 * VPS — at most one cloud read per VPS per POWER_CHECK_INTERVAL_MS however often the page asks — and through the
 * cron's power sweep; a power-on that never comes back becomes `power_on_timeout`, on the page's read and in the
 * sweep, and Retry powers it on again; a hello proves a droplet is on, whatever D1 said. Time is driven by moving
 * the rows' own clocks back (the claim's `power_checked_at`, the power-on's `updated_at`).
 */
import { env } from 'cloudflare:test';
import { answerConsent } from '@vibecode/localcloud/consent';
import { describe, expect, inject, it } from 'vitest';
import { runPowerSweep } from '../../src/vps/power-sweep.ts';
import { POWER_CHECK_INTERVAL_MS, POWER_ON_TIMEOUT_MS } from '../../src/vps/power-sync.ts';
import { answer } from '../helpers/api-answer.ts';
import { signIn } from '../helpers/auth.ts';
import type { BrowserInit } from '../helpers/browser-request.ts';
import { callApp, localcloudVars } from '../helpers/cloud-app.ts';
import { sql } from '../helpers/d1-rows.ts';
import { createVpsWithGateway } from '../helpers/fixtures.ts';
import { connectGateway, eventually } from '../helpers/gateway-socket.ts';
import { quiet } from '../helpers/notifier.ts';
import { dropletReads, outsidePower, outsideToken } from '../helpers/outside-cloud.ts';

const cloudUrl = inject('localcloudUrl');
// On localcloud (which has no release: a 404), so a page read's release check stays on this machine.
const vars = localcloudVars(cloudUrl, `${cloudUrl}/releases/vibe-gateway.tar.gz`);
const cloudEnv = { ...env, ...vars } as Env;

const call = (path: string, cookie: string, init: BrowserInit = {}) => callApp(vars, path, cookie, init);

const row = (vpsId: string) =>
  env.DB.prepare('SELECT status, droplet_id, updated_at FROM vps WHERE id = ?')
    .bind(vpsId)
    .first<{ status: string; droplet_id: number; updated_at: number }>();
const getVps = async (vpsId: string, cookie: string) =>
  (await answer('GET /api/vps/:id', 200, await call(`/api/vps/${vpsId}`, cookie))).vps;
/** The claim's clock moved back: the next read is due, as it is POWER_CHECK_INTERVAL_MS later. */
const checkDue = (vpsId: string) =>
  sql('UPDATE vps SET power_checked_at = ? WHERE id = ?', Date.now() - POWER_CHECK_INTERVAL_MS, vpsId);

async function connectCloud(cookie: string): Promise<void> {
  const connect = await call('/api/cloud/connect', cookie);
  const back = await answerConsent(connect.headers.get('location') ?? '', 'approve');
  expect((await call(`${back.pathname}${back.search}`, cookie)).status).toBe(303);
}

/** A signed-in user with a connected cloud and a VPS whose droplet runs; the gateway is not connected (`offline`). */
async function offlineVps(name: string) {
  const { cookie } = await signIn();
  await connectCloud(cookie);
  const created = await answer(
    'POST /api/vps',
    201,
    await call('/api/vps', cookie, { method: 'POST', json: { size: 's-1vcpu-1gb', name } }),
  );
  const vpsId = created.vps.id;
  const dropletId = (await row(vpsId))?.droplet_id as number;
  await eventually(async () =>
    expect((await fetch(`${cloudUrl}/_localcloud/droplets/${dropletId}/machine`)).status).toBe(200),
  );
  // As the hub records it when the gateway's socket goes: the droplet's power is now in doubt.
  await sql("UPDATE vps SET status = 'offline' WHERE id = ?", vpsId);
  return { cookie, vpsId, dropletId };
}

describe('power read when the server page opens', () => {
  it('shows a droplet powered off and on outside VibeCode, reading the cloud at most once per interval', async () => {
    const { cookie, vpsId, dropletId } = await offlineVps('outside-box');
    const token = await outsideToken();
    await outsidePower(token, dropletId, 'power_off');

    const before = await dropletReads(dropletId);
    const off = await getVps(vpsId, cookie);
    expect(off.status).toBe('powered_off');
    expect(off.console_url).toBe(`${cloudUrl}/droplets/${dropletId}/terminal/ui/`);
    expect(await dropletReads(dropletId)).toBe(before + 1);

    await outsidePower(token, dropletId, 'power_on');
    const reads = await dropletReads(dropletId);
    // Within the interval the page keeps what the last read said, and the cloud is not asked again.
    for (let i = 0; i < 3; i++) expect((await getVps(vpsId, cookie)).status).toBe('powered_off');
    expect(await dropletReads(dropletId)).toBe(reads);

    await checkDue(vpsId);
    expect((await getVps(vpsId, cookie)).status).toBe('offline');
    expect(await dropletReads(dropletId)).toBe(reads + 1);
  });

  it('does not ask the cloud while a connected gateway proves the droplet runs', async () => {
    const { cookie, userId } = await signIn();
    const { vpsId, gatewayId, credential } = await createVpsWithGateway(userId);
    // A droplet id the cloud does not have: a read would fail; none is made.
    await sql('UPDATE vps SET droplet_id = 999999 WHERE id = ?', vpsId);
    const gateway = await connectGateway(credential, gatewayId);
    await eventually(async () => expect((await row(vpsId))?.status).toBe('ready'));
    expect((await getVps(vpsId, cookie)).status).toBe('ready');
    expect(await dropletReads(999999)).toBe(0);
    gateway.ws.close();
  });

  it('keeps the recorded status when the cloud read fails', async () => {
    const { cookie, vpsId } = await offlineVps('failing-read-box');
    await sql('UPDATE vps SET droplet_id = 999998 WHERE id = ?', vpsId);
    expect((await getVps(vpsId, cookie)).status).toBe('offline');
  });
});

describe('power sweep (cron)', () => {
  it('reads the droplets whose power is in doubt and records what the cloud says', async () => {
    const { cookie, vpsId, dropletId } = await offlineVps('swept-box');
    await outsidePower(await outsideToken(), dropletId, 'power_off');
    await checkDue(vpsId);
    const result = await runPowerSweep(cloudEnv, Date.now(), quiet);
    expect(result.changed).toBeGreaterThanOrEqual(1);
    expect((await row(vpsId))?.status).toBe('powered_off');
    // The sweep's read counts for the page too: it is not repeated within the interval.
    const reads = await dropletReads(dropletId);
    expect((await getVps(vpsId, cookie)).status).toBe('powered_off');
    expect(await dropletReads(dropletId)).toBe(reads);
  });

  it('leaves the droplets a connected gateway vouches for out of its batch', async () => {
    const { userId } = await signIn();
    const { vpsId, gatewayId, credential } = await createVpsWithGateway(userId);
    await sql('UPDATE vps SET droplet_id = 999997 WHERE id = ?', vpsId);
    const gateway = await connectGateway(credential, gatewayId);
    await eventually(async () => expect((await row(vpsId))?.status).toBe('ready'));
    await runPowerSweep(cloudEnv, Date.now(), quiet);
    const checked = await env.DB.prepare('SELECT power_checked_at AS at FROM vps WHERE id = ?')
      .bind(vpsId)
      .first<{ at: number | null }>();
    expect(checked?.at).toBeNull();
    expect(await dropletReads(999997)).toBe(0);
    gateway.ws.close();
  });

  it('only times power-ons out when no cloud is configured', async () => {
    const { userId } = await signIn();
    const { vpsId } = await createVpsWithGateway(userId);
    await sql(
      "UPDATE vps SET status = 'powering_on', updated_at = ? WHERE id = ?",
      Date.now() - POWER_ON_TIMEOUT_MS,
      vpsId,
    );
    const result = await runPowerSweep(env, Date.now(), quiet);
    expect(result.read).toBe(0);
    expect((await row(vpsId))?.status).toBe('power_on_timeout');
  });
});

describe('a power-on that never comes back', () => {
  it('becomes power_on_timeout at the deadline, with the console link; Retry powers the droplet on again', async () => {
    const { cookie, vpsId, dropletId } = await offlineVps('late-box');
    const started = Date.now();
    await sql("UPDATE vps SET status = 'powering_on', updated_at = ? WHERE id = ?", started, vpsId);
    expect((await getVps(vpsId, cookie)).status).toBe('powering_on');

    await sql('UPDATE vps SET updated_at = ? WHERE id = ?', started - POWER_ON_TIMEOUT_MS, vpsId);
    const late = await getVps(vpsId, cookie);
    expect(late.status).toBe('power_on_timeout');
    expect(late.console_url).toBe(`${cloudUrl}/droplets/${dropletId}/terminal/ui/`);

    // The droplet is on (its gateway never came): Retry boots it again (a power cycle) and waits for the hello.
    const retried = await answer(
      'POST /api/vps/:id/power',
      200,
      await call(`/api/vps/${vpsId}/power`, cookie, { method: 'POST', json: { action: 'on' } }),
    );
    expect(retried.vps.status).toBe('powering_on');

    // Timed out again while off (powered off outside meanwhile): Retry powers it on.
    await outsidePower(await outsideToken(), dropletId, 'power_off');
    await sql("UPDATE vps SET status = 'power_on_timeout' WHERE id = ?", vpsId);
    const again = await answer(
      'POST /api/vps/:id/power',
      200,
      await call(`/api/vps/${vpsId}/power`, cookie, { method: 'POST', json: { action: 'on' } }),
    );
    expect(again.vps.status).toBe('powering_on');
    const actions = await fetch(`${cloudUrl}/_localcloud/requests`);
    const { requests } = (await actions.json()) as { requests: { path: string; body: { type?: string } }[] };
    const types = requests.filter((r) => r.path === `/v2/droplets/${dropletId}/actions`).map((r) => r.body.type);
    expect(types).toEqual(['power_cycle', 'power_off', 'power_on']);
  });

  it('refuses a power body it does not know, whatever the status', async () => {
    const { cookie, vpsId } = await offlineVps('bad-body-box');
    await sql("UPDATE vps SET status = 'power_on_timeout' WHERE id = ?", vpsId);
    for (const json of [{ action: 'retry' }, { action: 'on', extra: true }, {}]) {
      const res = await call(`/api/vps/${vpsId}/power`, cookie, { method: 'POST', json });
      expect(res.status).toBe(400);
    }
    expect((await row(vpsId))?.status).toBe('power_on_timeout');
  });
});

describe('a hello proves the droplet is on', () => {
  it.each(['powered_off', 'power_on_timeout'] as const)('makes a %s VPS ready', async (status) => {
    const { userId } = await signIn();
    const { vpsId, gatewayId, credential } = await createVpsWithGateway(userId);
    await sql('UPDATE vps SET status = ? WHERE id = ?', status, vpsId);
    const gateway = await connectGateway(credential, gatewayId);
    await eventually(async () => expect((await row(vpsId))?.status).toBe('ready'));
    gateway.ws.close();
  });
});
