/**
 * The opt-in power-off of an unattended server (issue 17, point 5) inside workerd against localcloud: the setting
 * through its route (typed refusals for bad hours, no Origin, no sign-in, someone else's server), and the cron's step
 * with its clock driven forward — nothing before the chosen hours (counted from the switch at the earliest), never
 * while an agent works, a continue-at-reset waits, the terminal is busy or someone watches; then the droplet powered
 * off through the cloud, its sessions stopped and the owner told once.
 */
import { env } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import { parseConfig } from '../../src/config/config.ts';
import type { RawConfig } from '../../src/config/setting-values.ts';
import { openDb } from '../../src/db/client.ts';
import { hubStub } from '../../src/hub/hub-client.ts';
import { runAutoPowerOff } from '../../src/vps/auto-power-off.ts';
import { HOUR_MS } from '../../src/vps/auto-power-off-plan.ts';
import { answer } from '../helpers/api-answer.ts';
import { signIn } from '../helpers/auth.ts';
import type { BrowserInit } from '../helpers/browser-request.ts';
import { callApp, localcloudVars, readyVps } from '../helpers/cloud-app.ts';
import { sql, statusOf } from '../helpers/d1-rows.ts';
import { eventually } from '../helpers/gateway-socket.ts';
import { quiet, recordingNotifier } from '../helpers/notifier.ts';
import { connectSubscriber } from '../hub/subscriber.ts';

const cloudUrl = inject('localcloudUrl');
const vars = localcloudVars(cloudUrl, `${cloudUrl}/releases/vibe-gateway.tar.gz`);
const cloudEnv = { ...env, ...vars } as Env;
const call = (path: string, cookie: string, init: BrowserInit = {}) => callApp(vars, path, cookie, init);

function setHours(vpsId: string, cookie: string, hours: unknown, init: BrowserInit = {}) {
  return call(`/api/vps/${vpsId}/auto-power-off`, cookie, { method: 'POST', json: { hours }, ...init });
}

/** One cron run at `now`; what it told the owner. */
async function sweep(now: number) {
  const notifier = recordingNotifier();
  const poweredOff = await runAutoPowerOff(openDb(env.DB), parseConfig(cloudEnv as unknown as RawConfig), now, {
    presence: (gatewayId) => hubStub(cloudEnv, gatewayId).viewerPresence(),
    notifier: () => notifier,
    log: quiet,
  });
  return { poweredOff, sent: notifier.sent };
}

/** A ready server set to power off after 2 hours unattended, with one running shell session. */
async function optedIn(name: string) {
  const ready = await readyVps(call, cloudUrl, name);
  const set = await answer('POST /api/vps/:id/auto-power-off', 200, await setHours(ready.vpsId, ready.cookie, 2));
  expect(set.vps.auto_power_off_hours).toBe(2);
  const sessionId = crypto.randomUUID();
  await sql(
    "INSERT INTO sessions (id, user_id, vps_id, number, title, agent_type, tmux_name, workdir, status, created_at) VALUES (?, ?, ?, 1, 't', 'claude', 'vibe-1', '/w/t-1', 'running', ?)",
    sessionId,
    ready.userId,
    ready.vpsId,
    Date.now(),
  );
  const gateway = await env.DB.prepare('SELECT id FROM gateways WHERE vps_id = ?')
    .bind(ready.vpsId)
    .first<{ id: string }>();
  return { ...ready, sessionId, gatewayId: gateway?.id as string, setAt: Date.now() };
}

describe('POST /api/vps/:id/auto-power-off', () => {
  it('sets and clears the hours, shown on the server as auto_power_off_hours', async () => {
    const { cookie, vpsId } = await readyVps(call, cloudUrl, 'auto-setting');
    expect((await answer('GET /api/vps/:id', 200, await call(`/api/vps/${vpsId}`, cookie))).vps).toMatchObject({
      auto_power_off_hours: null,
    });
    const on = await answer('POST /api/vps/:id/auto-power-off', 200, await setHours(vpsId, cookie, 168));
    expect(on.vps).toMatchObject({ id: vpsId, auto_power_off_hours: 168, status: 'ready' });
    expect((await answer('GET /api/vps', 200, await call('/api/vps', cookie))).vps[0]?.auto_power_off_hours).toBe(168);
    const off = await answer('POST /api/vps/:id/auto-power-off', 200, await setHours(vpsId, cookie, null));
    expect(off.vps.auto_power_off_hours).toBeNull();
  });

  it('refuses hours outside 1–168 or not whole, a missing field, a foreign Origin, no sign-in, another’s server', async () => {
    const { cookie, vpsId } = await readyVps(call, cloudUrl, 'auto-refusals');
    for (const hours of [0, 169, 2.5, '4', -1]) {
      const res = await setHours(vpsId, cookie, hours);
      expect(res.status, String(hours)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('http.invalid_body');
    }
    const missing = await call(`/api/vps/${vpsId}/auto-power-off`, cookie, { method: 'POST', json: {} });
    expect(missing.status).toBe(400);
    const foreign = await setHours(vpsId, cookie, 4, { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect((await setHours(vpsId, '', 4)).status).toBe(401);
    const stranger = await signIn();
    const theirs = await setHours(vpsId, stranger.cookie, 4);
    expect(theirs.status).toBe(404);
    expect(((await theirs.json()) as { error: { code: string } }).error.code).toBe('vps.not_found');
    expect(
      await env.DB.prepare('SELECT auto_power_off_hours AS h FROM vps WHERE id = ?').bind(vpsId).first<{ h: null }>(),
    ).toEqual({ h: null });
  });
});

describe('the cron’s opt-in power-off', () => {
  it('powers off after the chosen hours unattended, counted from the switch, and tells the owner once', async () => {
    const box = await optedIn('auto-off');
    expect((await sweep(box.setAt + 2 * HOUR_MS - 60_000)).poweredOff).toBe(0);
    expect(await statusOf(box.vpsId)).toBe('ready');

    const run = await sweep(box.setAt + 2 * HOUR_MS + 60_000);
    expect(run.poweredOff).toBe(1);
    expect(await statusOf(box.vpsId)).toBe('powered_off');
    expect(run.sent).toEqual([
      expect.objectContaining({
        kind: 'vps.auto_powered_off',
        userId: box.userId,
        vpsId: box.vpsId,
        vpsName: 'auto-off',
        actions: ['open_vps'],
      }),
    ]);
    const session = await env.DB.prepare('SELECT status FROM sessions WHERE id = ?').bind(box.sessionId).first();
    expect(session).toEqual({ status: 'stopped' });
    expect((await sweep(box.setAt + 5 * HOUR_MS)).poweredOff).toBe(0);
  });

  it('leaves a server alone while its agent works, a continue-at-reset waits, or its terminal was busy', async () => {
    const box = await optedIn('auto-busy');
    const later = box.setAt + 10 * HOUR_MS;
    await sql("UPDATE sessions SET agent_state = 'working', agent_state_at = ? WHERE id = ?", box.setAt, box.sessionId);
    expect((await sweep(later)).poweredOff).toBe(0);

    await sql(
      "UPDATE sessions SET agent_state = 'limited', agent_state_at = ?, continue_at_reset = 1 WHERE id = ?",
      box.setAt,
      box.sessionId,
    );
    expect((await sweep(later)).poweredOff).toBe(0);

    await sql("UPDATE sessions SET agent_state = 'done', continue_at_reset = 0 WHERE id = ?", box.sessionId);
    await sql('UPDATE gateways SET last_activity_at = ? WHERE id = ?', later - HOUR_MS, box.gatewayId);
    expect((await sweep(later)).poweredOff).toBe(0);
    expect(await statusOf(box.vpsId)).toBe('ready');

    expect((await sweep(later + HOUR_MS)).poweredOff).toBe(1);
    expect(await statusOf(box.vpsId)).toBe('powered_off');
  });

  it('never while someone watches a terminal, and only the chosen hours after the last viewer left', async () => {
    const box = await optedIn('auto-watched');
    const viewer = await connectSubscriber(box.cookie, box.sessionId);
    expect((await sweep(box.setAt + 10 * HOUR_MS)).poweredOff).toBe(0);

    viewer.ws.close();
    await eventually(async () =>
      expect(await hubStub(cloudEnv, box.gatewayId).viewerPresence()).toMatchObject({ viewers: 0 }),
    );
    const left = (await hubStub(cloudEnv, box.gatewayId).viewerPresence()).lastViewerAt as number;
    expect(left).toBeGreaterThanOrEqual(box.setAt);
    expect((await sweep(left + 2 * HOUR_MS - 60_000)).poweredOff).toBe(0);
    expect((await sweep(left + 2 * HOUR_MS)).poweredOff).toBe(1);
    expect(await statusOf(box.vpsId)).toBe('powered_off');
  });

  it('does nothing for a server that did not opt in, or that is no longer ready', async () => {
    const plain = await readyVps(call, cloudUrl, 'auto-plain');
    const stopped = await optedIn('auto-stopped');
    await sql("UPDATE vps SET status = 'offline' WHERE id = ?", stopped.vpsId);
    expect((await sweep(Date.now() + 100 * HOUR_MS)).poweredOff).toBe(0);
    expect(await statusOf(plain.vpsId)).toBe('ready');
    expect(await statusOf(stopped.vpsId)).toBe('offline');
  });
});
