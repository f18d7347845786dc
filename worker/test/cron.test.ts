/**
 * The cron as wrangler calls it, the Worker's `scheduled`: the auth-row purge, and the lifecycle sweep notifying
 * through the channels the entry plugs into core, seen where the user sees it (the banner API, the email). Time is
 * driven by the controller's `scheduledTime`.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { api, errorOf, insertVps, latestMail, noticesOf, signIn } from './helpers.ts';

const HOUR = 3_600_000;

async function cron(scheduledTime: number): Promise<void> {
  const ctx = createExecutionContext();
  worker.scheduled(createScheduledController({ scheduledTime, cron: '*/5 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe('scheduled', () => {
  it('purges a sign-in token spent long ago', async () => {
    // Long past, so the purge cannot touch rows other tests made with the real clock.
    const t0 = Date.UTC(2001, 0, 1);
    const tokenHash = crypto.randomUUID();
    await env.DB.prepare(
      'INSERT INTO magic_link_tokens (token_hash, email, created_at, expires_at) VALUES (?, ?, ?, ?)',
    )
      .bind(tokenHash, 'old@example.com', t0, t0 + HOUR)
      .run();
    await cron(t0 + 48 * HOUR);
    const row = await env.DB.prepare('SELECT 1 FROM magic_link_tokens WHERE token_hash = ?').bind(tokenHash).first();
    expect(row).toBeNull();
  });

  it('notifies an idle VPS through the web/email channel; the owner lists and dismisses it, nobody else can', async () => {
    const alice = await signIn();
    const bob = await signIn();
    const { vpsId, gatewayId } = await insertVps(alice.userId, 'quiet-box');
    const start = Date.now();
    await env.DB.batch([
      env.DB.prepare("UPDATE vps SET status = 'ready', updated_at = ? WHERE id = ?").bind(start, vpsId),
      env.DB.prepare('UPDATE gateways SET last_activity_at = ? WHERE id = ?').bind(start, gatewayId),
    ]);
    // An hour past the 24 hours of idleness that make a VPS idle.
    await cron(start + 25 * HOUR);

    const mine = await noticesOf(alice.cookie, vpsId);
    expect(mine).toMatchObject([
      {
        kind: 'vps.idle',
        payload: {
          title: 'quiet-box has been idle for 24 hours',
          vps_name: 'quiet-box',
          actions: ['power_off', 'keep_running'],
        },
      },
    ]);
    expect((await latestMail(alice.email)).subject).toBe('quiet-box has been idle for 24 hours');
    const id = mine[0]?.id as string;

    expect(await noticesOf(bob.cookie, vpsId)).toEqual([]);
    const theirs = await api(`/api/notifications/${id}/dismiss`, bob.cookie, { method: 'POST' });
    expect(await errorOf(theirs)).toEqual({ status: 404, code: 'notification.not_found' });

    const dismissed = await api(`/api/notifications/${id}/dismiss`, alice.cookie, { method: 'POST' });
    expect(dismissed.status).toBe(204);
    expect(await noticesOf(alice.cookie, vpsId)).toEqual([]);
  });

  it('notifies an offline VPS through the web/email channel', async () => {
    const { cookie, userId, email } = await signIn();
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
    // Well past the few minutes' grace an offline gateway gets before it is announced.
    await cron(seen + HOUR);
    expect(await noticesOf(cookie, vpsId)).toMatchObject([
      { kind: 'vps.offline', payload: { title: 'gone-box is offline', actions: ['open_vps'] } },
    ]);
    expect((await latestMail(email)).subject).toBe('gone-box is offline');
  });
});
