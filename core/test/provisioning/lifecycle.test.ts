/**
 * The provisioning lifecycle inside workerd with real D1, KV and the GatewayHub: the 10-minute hello deadline as
 * the hub's alarm (time driven by the deadline the test passes), hello clearing it, power-on readiness, and the
 * idle/offline sweep through the channels with driven time. Notifications are observed where a user sees them:
 * the `notifications` rows (web banner) and the dev outbox (email).
 */
import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client.ts';
import { IDLE_AFTER_MS, OFFLINE_AFTER_MS } from '../../src/notify/lifecycle-sweep.ts';
import { runLifecycleSweep } from '../../src/notify/run-sweep.ts';
import { latestMail, signIn } from '../helpers/auth.ts';
import { createVpsWithGateway, insertVps } from '../helpers/fixtures.ts';
import { connectGateway, eventually } from '../helpers/gateway-socket.ts';
import { testNotifier as notifier, quiet } from '../helpers/notifier.ts';
import { api } from '../hub/subscriber.ts';

const hub = (gatewayId: string) => env.GATEWAY_HUB.get(env.GATEWAY_HUB.idFromName(gatewayId));
const vpsRow = (id: string) =>
  env.DB.prepare('SELECT status, idle_notified_at, offline_notified_at FROM vps WHERE id = ?')
    .bind(id)
    .first<{ status: string; idle_notified_at: number | null; offline_notified_at: number | null }>();
const notificationsOf = async (vpsId: string) =>
  (
    await env.DB.prepare('SELECT kind, payload_json FROM notifications WHERE vps_id = ? ORDER BY created_at')
      .bind(vpsId)
      .all<{ kind: string; payload_json: string }>()
  ).results;

describe('provisioning timeout (GatewayHub alarm)', () => {
  it('turns a VPS with no hello by the deadline into provisioning_timeout, notifies once, offers Retry', async () => {
    const { cookie, userId, email } = await signIn();
    const { vpsId, gatewayId } = await insertVps(userId, 'slow-box');
    // A deadline already past: the hub's alarm fires at once, as it would ten minutes after the droplet was created.
    await hub(gatewayId).watchProvisioning(gatewayId, vpsId, Date.now() - 1);
    await eventually(async () => expect((await vpsRow(vpsId))?.status).toBe('provisioning_timeout'));
    expect((await notificationsOf(vpsId)).map((n) => n.kind)).toEqual(['vps.provisioning_timeout']);
    await eventually(async () => expect((await latestMail(email)).subject).toBe('slow-box did not come up'));
    const mail = await latestMail(email);
    expect(mail.subject).toBe('slow-box did not come up');
    // The test Worker has no PUBLIC_URL (no cloud settings): links are relative to the app.
    expect(mail.link).toBe(`/vps/${vpsId}`);
    const res = await api(`/api/vps/${vpsId}`, cookie);
    expect(await res.json()).toMatchObject({
      vps: { status: 'provisioning_timeout', provisioning_timeout: { retry: true, console_url: null } },
    });
    // The alarm has nothing left to do: it does not fire again for this deadline.
    expect(await runDurableObjectAlarm(hub(gatewayId))).toBe(false);
    expect(await notificationsOf(vpsId)).toHaveLength(1);
  });

  it('does nothing when the gateway said hello before the deadline', async () => {
    const { userId } = await signIn();
    const { vpsId, gatewayId, credential } = await createVpsWithGateway(userId);
    await hub(gatewayId).watchProvisioning(gatewayId, vpsId, Date.now() + 60_000);
    const gateway = await connectGateway(credential, gatewayId);
    await eventually(async () => expect((await vpsRow(vpsId))?.status).toBe('ready'));
    await runDurableObjectAlarm(hub(gatewayId));
    expect((await vpsRow(vpsId))?.status).toBe('ready');
    expect(await notificationsOf(vpsId)).toEqual([]);
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
    const { userId, email } = await signIn();
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
    await runLifecycleSweep(db, notifier(), start + IDLE_AFTER_MS, quiet);
    expect(await notificationsOf(vpsId)).toEqual([]);
    await runLifecycleSweep(db, notifier(), start + IDLE_AFTER_MS + 1, quiet);
    await runLifecycleSweep(db, notifier(), start + 2 * IDLE_AFTER_MS, quiet);
    expect((await notificationsOf(vpsId)).map((n) => n.kind)).toEqual(['vps.idle']);
    expect(JSON.parse((await notificationsOf(vpsId))[0]?.payload_json ?? '{}')).toMatchObject({
      vps_name: 'idle-box',
      actions: ['power_off', 'keep_running'],
    });
    expect((await latestMail(email)).subject).toBe('idle-box has been idle for 24 hours');
    expect((await vpsRow(vpsId))?.idle_notified_at).toBe(start);

    const later = start + 3 * IDLE_AFTER_MS;
    await env.DB.prepare('UPDATE gateways SET last_activity_at = ? WHERE id = ?').bind(later, gatewayId).run();
    await runLifecycleSweep(db, notifier(), later + IDLE_AFTER_MS + 1, quiet);
    expect((await notificationsOf(vpsId)).map((n) => n.kind)).toEqual(['vps.idle', 'vps.idle']);
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
    await runLifecycleSweep(db, notifier(), seen + OFFLINE_AFTER_MS, quiet);
    expect(await notificationsOf(vpsId)).toEqual([]);
    await runLifecycleSweep(db, notifier(), seen + OFFLINE_AFTER_MS + 1, quiet);
    await runLifecycleSweep(db, notifier(), seen + 2 * OFFLINE_AFTER_MS, quiet);
    expect((await notificationsOf(vpsId)).map((n) => n.kind)).toEqual(['vps.offline']);
    expect((await vpsRow(vpsId))?.offline_notified_at).toBe(seen);
  });
});
