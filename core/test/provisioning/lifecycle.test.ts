/**
 * The provisioning lifecycle inside workerd with real D1, KV and the GatewayHub: the 10-minute hello deadline as
 * the hub's alarm (time driven by the deadline the test passes), hello clearing it, power-on readiness, and the
 * idle/offline sweep with driven time, observed at core's `Notifier` port. How notifications reach the user (the
 * channels the Worker plugs in: banner, email) is tested in worker/test.
 */
import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client.ts';
import { IDLE_AFTER_MS, OFFLINE_AFTER_MS } from '../../src/notify/lifecycle-sweep.ts';
import { runLifecycleSweep } from '../../src/notify/run-sweep.ts';
import { signIn } from '../helpers/auth.ts';
import { createVpsWithGateway, insertVps } from '../helpers/fixtures.ts';
import { connectGateway, eventually } from '../helpers/gateway-socket.ts';
import { quiet, recordingNotifier } from '../helpers/notifier.ts';
import { api } from '../hub/subscriber.ts';

const hub = (gatewayId: string) => env.GATEWAY_HUB.get(env.GATEWAY_HUB.idFromName(gatewayId));
const noticeCount = async (vpsId: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM notifications WHERE vps_id = ?').bind(vpsId).first<{ n: number }>())
    ?.n;
const vpsRow = (id: string) =>
  env.DB.prepare('SELECT status, idle_notified_at, offline_notified_at FROM vps WHERE id = ?')
    .bind(id)
    .first<{ status: string; idle_notified_at: number | null; offline_notified_at: number | null }>();

describe('provisioning timeout (GatewayHub alarm)', () => {
  it('turns a VPS with no hello by the deadline into provisioning_timeout and offers Retry, once', async () => {
    const { cookie, userId } = await signIn();
    const { vpsId, gatewayId } = await insertVps(userId, 'slow-box');
    // A deadline already past: the hub's alarm fires at once, as it would ten minutes after the droplet was created.
    await hub(gatewayId).watchProvisioning(gatewayId, vpsId, Date.now() - 1);
    await eventually(async () => expect((await vpsRow(vpsId))?.status).toBe('provisioning_timeout'));
    const res = await api(`/api/vps/${vpsId}`, cookie);
    expect(await res.json()).toMatchObject({
      vps: { status: 'provisioning_timeout', provisioning_timeout: { retry: true, console_url: null } },
    });
    // The alarm has nothing left to do: it does not fire again for this deadline.
    expect(await runDurableObjectAlarm(hub(gatewayId))).toBe(false);
  });

  it('does nothing when the gateway said hello before the deadline', async () => {
    const { userId } = await signIn();
    const { vpsId, gatewayId, credential } = await createVpsWithGateway(userId);
    await hub(gatewayId).watchProvisioning(gatewayId, vpsId, Date.now() + 60_000);
    const gateway = await connectGateway(credential, gatewayId);
    await eventually(async () => expect((await vpsRow(vpsId))?.status).toBe('ready'));
    await runDurableObjectAlarm(hub(gatewayId));
    expect((await vpsRow(vpsId))?.status).toBe('ready');
    expect(await noticeCount(vpsId)).toBe(0);
    gateway.ws.close();
  });

  it('makes a powering-on VPS ready when its gateway says hello again', async () => {
    const { userId } = await signIn();
    const { vpsId, gatewayId, credential } = await createVpsWithGateway(userId);
    await env.DB.prepare("UPDATE vps SET status = 'powering_on' WHERE id = ?").bind(vpsId).run();
    const gateway = await connectGateway(credential, gatewayId);
    await eventually(async () => expect((await vpsRow(vpsId))?.status).toBe('ready'));
    gateway.ws.close();
  });
});

describe('lifecycle sweep (cron) with driven time', () => {
  it('announces one idle period once, and a new one only after new activity', async () => {
    const { userId } = await signIn();
    const { vpsId, gatewayId } = await insertVps(userId, 'idle-box');
    const start = Date.now();
    await env.DB.batch([
      env.DB.prepare("UPDATE vps SET status = 'ready', updated_at = ? WHERE id = ?").bind(start - 1000, vpsId),
      env.DB.prepare('UPDATE gateways SET last_activity_at = ?, last_seen_at = ? WHERE id = ?').bind(
        start,
        start,
        gatewayId,
      ),
    ]);
    const db = openDb(env.DB);
    const notifier = recordingNotifier();
    const sentFor = () => notifier.sent.filter((n) => n.vpsId === vpsId);
    await runLifecycleSweep(db, notifier, start + IDLE_AFTER_MS, quiet);
    expect(sentFor()).toEqual([]);
    await runLifecycleSweep(db, notifier, start + IDLE_AFTER_MS + 1, quiet);
    await runLifecycleSweep(db, notifier, start + 2 * IDLE_AFTER_MS, quiet);
    expect(sentFor()).toMatchObject([
      { kind: 'vps.idle', userId, vpsName: 'idle-box', since: start, actions: ['power_off', 'keep_running'] },
    ]);
    expect((await vpsRow(vpsId))?.idle_notified_at).toBe(start);

    const later = start + 3 * IDLE_AFTER_MS;
    await env.DB.prepare('UPDATE gateways SET last_activity_at = ? WHERE id = ?').bind(later, gatewayId).run();
    await runLifecycleSweep(db, notifier, later + IDLE_AFTER_MS + 1, quiet);
    expect(sentFor().map((n) => n.kind)).toEqual(['vps.idle', 'vps.idle']);
  });

  it('calls no VPS idle while an agent on it reports working, however long without a byte', async () => {
    const { userId } = await signIn();
    const { vpsId, gatewayId } = await insertVps(userId, 'thinking-box');
    const start = Date.now();
    await env.DB.batch([
      env.DB.prepare("UPDATE vps SET status = 'ready', updated_at = ? WHERE id = ?").bind(start - 1000, vpsId),
      env.DB.prepare('UPDATE gateways SET last_activity_at = ?, last_seen_at = ? WHERE id = ?').bind(
        start,
        start,
        gatewayId,
      ),
      env.DB.prepare(
        `INSERT INTO sessions (id, user_id, vps_id, number, title, agent_type, tmux_name, workdir, status, created_at, agent_state)
         VALUES (?, ?, ?, 1, 'long think', 'claude', 'vibe-1', '/w/1', 'running', ?, 'working')`,
      ).bind(crypto.randomUUID(), userId, vpsId, start),
    ]);
    const notifier = recordingNotifier();
    await runLifecycleSweep(openDb(env.DB), notifier, start + 3 * IDLE_AFTER_MS, quiet);
    expect(notifier.sent.filter((n) => n.vpsId === vpsId)).toEqual([]);
    await env.DB.prepare("UPDATE sessions SET agent_state = 'done' WHERE vps_id = ?").bind(vpsId).run();
    await runLifecycleSweep(openDb(env.DB), notifier, start + 3 * IDLE_AFTER_MS, quiet);
    expect(notifier.sent.filter((n) => n.vpsId === vpsId)).toMatchObject([{ kind: 'vps.idle' }]);
  });

  it('announces an offline VPS after the grace period, once per offline period', async () => {
    const { userId } = await signIn();
    const { vpsId, gatewayId } = await insertVps(userId, 'gone-box');
    const seen = Date.now();
    await env.DB.batch([
      env.DB.prepare("UPDATE vps SET status = 'offline', updated_at = ? WHERE id = ?").bind(seen, vpsId),
      env.DB.prepare('UPDATE gateways SET last_seen_at = ?, last_activity_at = ? WHERE id = ?').bind(
        seen,
        seen,
        gatewayId,
      ),
    ]);
    const db = openDb(env.DB);
    const notifier = recordingNotifier();
    const sentFor = () => notifier.sent.filter((n) => n.vpsId === vpsId);
    await runLifecycleSweep(db, notifier, seen + OFFLINE_AFTER_MS, quiet);
    expect(sentFor()).toEqual([]);
    await runLifecycleSweep(db, notifier, seen + OFFLINE_AFTER_MS + 1, quiet);
    await runLifecycleSweep(db, notifier, seen + 2 * OFFLINE_AFTER_MS, quiet);
    expect(sentFor()).toMatchObject([{ kind: 'vps.offline', vpsName: 'gone-box', actions: ['open_vps'] }]);
    expect((await vpsRow(vpsId))?.offline_notified_at).toBe(seen);
  });
});
