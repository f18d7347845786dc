/**
 * The cron entry as wrangler calls it (the Worker's `scheduled`, with the channels injected at the entry), and
 * the banner API over what it delivered: list, dismiss ("Keep running"), and another user's 404.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '@vibecode/worker';
import { describe, expect, it } from 'vitest';
import { IDLE_AFTER_MS } from '../../src/notify/lifecycle-sweep.ts';
import { latestMail, signIn } from '../helpers/auth.ts';
import { insertVps } from '../helpers/fixtures.ts';
import { api, errorOf } from '../hub/subscriber.ts';

type Listed = { notifications: { id: string; kind: string; vps_id: string; payload: { title: string } }[] };

describe('scheduled lifecycle sweep and the banner API', () => {
  it('notifies an idle VPS through the web/email channel; the owner lists and dismisses it, nobody else can', async () => {
    const alice = await signIn();
    const bob = await signIn();
    const { vpsId, gatewayId } = await insertVps(alice.userId, 'quiet-box');
    const start = Date.now();
    await env.DB.batch([
      env.DB.prepare("UPDATE vps SET status = 'ready', updated_at = ? WHERE id = ?").bind(start, vpsId),
      env.DB.prepare('UPDATE gateways SET last_activity_at = ? WHERE id = ?').bind(start, gatewayId),
    ]);
    const controller = createScheduledController({
      scheduledTime: start + IDLE_AFTER_MS + 60_000,
      cron: '*/5 * * * *',
    });
    const ctx = createExecutionContext();
    worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);

    const listed = (await (await api('/api/notifications', alice.cookie)).json()) as Listed;
    const mine = listed.notifications.filter((n) => n.vps_id === vpsId);
    expect(mine).toMatchObject([{ kind: 'vps.idle', payload: { title: 'quiet-box has been idle for 24 hours' } }]);
    expect((await latestMail(alice.email)).subject).toBe('quiet-box has been idle for 24 hours');
    const id = mine[0]?.id as string;

    expect(((await (await api('/api/notifications', bob.cookie)).json()) as Listed).notifications).toEqual([]);
    const theirs = await api(`/api/notifications/${id}/dismiss`, bob.cookie, { method: 'POST' });
    expect(await errorOf(theirs)).toEqual({ status: 404, code: 'notification.not_found' });

    const dismissed = await api(`/api/notifications/${id}/dismiss`, alice.cookie, { method: 'POST' });
    expect(dismissed.status).toBe(204);
    const after = (await (await api('/api/notifications', alice.cookie)).json()) as Listed;
    expect(after.notifications.filter((n) => n.vps_id === vpsId)).toEqual([]);
  });

  it('refuses a cross-origin dismiss', async () => {
    const { cookie } = await signIn();
    const res = await api(`/api/notifications/${crypto.randomUUID()}/dismiss`, cookie, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    });
    expect(await errorOf(res)).toEqual({ status: 403, code: 'http.cross_origin' });
  });
});
