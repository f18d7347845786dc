/**
 * Core's `NoticeControl` for the channels (a chat's buttons under a notice) inside workerd against localcloud: the web
 * banner's paths — Keep running is the banner's dismiss, Power off is the power route's path, Retry needs a public
 * URL — each telling the channels (`Notifier.answered`); errors as values for someone else's notice, one answered
 * already and an action the notice does not offer. And the banner's own dismiss tells the channels too.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { openDb } from '../../src/db/client.ts';
import { channelPorts } from '../../src/notify/channel-ports.ts';
import { d1NotificationStore } from '../../src/notify/d1-notification-store.ts';
import type { NoticeReply } from '../../src/notify/notice-replies.ts';
import { type AnsweredNotices, type NotificationKind, notification } from '../../src/notify/notification.ts';
import { signIn } from '../helpers/auth.ts';
import { type BrowserInit, browserRequest } from '../helpers/browser-request.ts';
import { callApp, localcloudVars, readyVps } from '../helpers/cloud-app.ts';
import { statusOf } from '../helpers/d1-rows.ts';
import { insertVps } from '../helpers/fixtures.ts';
import { quiet } from '../helpers/notifier.ts';

const cloudUrl = inject('localcloudUrl');
const vars = localcloudVars(cloudUrl, `${cloudUrl}/releases/vibe-gateway.tar.gz`);
const call = (path: string, cookie: string, init: BrowserInit = {}) => callApp(vars, path, cookie, init);

/** Core's notices port as a chat reaches it, with a notifier recording what the channels are told. */
function control(extra: Record<string, unknown> = {}) {
  const told: AnsweredNotices[] = [];
  const notifier = { notify: async () => {}, answered: async (a: AnsweredNotices) => void told.push(a) };
  const notices = channelPorts({ ...env, ...vars, ...extra } as Env, quiet, () => notifier).notices;
  return { notices, told };
}

/** A notice as the web channel keeps it (its payload lists the kind's actions). */
async function notice(userId: string, vpsId: string, kind: NotificationKind = 'vps.idle') {
  const n = notification(kind, { userId, vpsId, vpsName: 'box' }, Date.now());
  await d1NotificationStore(openDb(env.DB)).keep(n, n.kind);
  return n.id;
}

const dismissedAt = async (id: string) =>
  (
    await env.DB.prepare('SELECT dismissed_at FROM notifications WHERE id = ?')
      .bind(id)
      .first<{ dismissed_at: number | null }>()
  )?.dismissed_at;

describe('NoticeControl.answer', () => {
  it('refuses someone else’s notice and an unknown one as not found, changing nothing', async () => {
    const { userId } = await signIn();
    const { vpsId } = await insertVps(userId, 'mine');
    const id = await notice(userId, vpsId);
    const stranger = await signIn();
    const { notices, told } = control();
    const notFound = { ok: false, error: { code: 'notification.not_found', message: 'no such notification' } };
    expect(await notices.answer(stranger.userId, id, 'keep_running')).toEqual(notFound);
    expect(await notices.answer(userId, crypto.randomUUID(), 'keep_running')).toEqual(notFound);
    expect(await dismissedAt(id)).toBeNull();
    expect(told).toEqual([]);
  });

  it('refuses an action the notice does not offer, and one no notice can be answered with', async () => {
    const { userId } = await signIn();
    const { vpsId } = await insertVps(userId, 'offered');
    const idle = await notice(userId, vpsId);
    const offline = await notice(userId, vpsId, 'vps.offline');
    const { notices, told } = control();
    for (const [id, action] of [
      [idle, 'retry'],
      [offline, 'keep_running'],
      [offline, 'power_off'],
      [idle, 'open_vps'],
      [idle, 'delete'],
    ] as const) {
      expect(await notices.answer(userId, id, action as NoticeReply)).toMatchObject({
        ok: false,
        error: { code: 'notification.action_invalid' },
      });
    }
    // A payload that is not the web channel's (no actions) offers nothing.
    await env.DB.prepare("UPDATE notifications SET payload_json = 'not json' WHERE id = ?").bind(idle).run();
    expect(await notices.answer(userId, idle, 'keep_running')).toMatchObject({
      ok: false,
      error: { code: 'notification.action_invalid' },
    });
    expect(await dismissedAt(idle)).toBeNull();
    expect(await dismissedAt(offline)).toBeNull();
    expect(told).toEqual([]);
  });

  it('Keep running dismisses the notice as the banner does and tells the channels; a second answer is refused', async () => {
    const { userId } = await signIn();
    const { vpsId } = await insertVps(userId, 'kept');
    const id = await notice(userId, vpsId);
    const { notices, told } = control();
    expect(await notices.answer(userId, id, 'keep_running')).toEqual({ ok: true, value: 'kept_running' });
    expect(await dismissedAt(id)).toEqual(expect.any(Number));
    expect(told).toEqual([{ ids: [id], userId, vpsId, kind: 'vps.idle', answer: 'kept_running' }]);
    for (const action of ['keep_running', 'power_off'] as const) {
      expect(await notices.answer(userId, id, action)).toEqual({
        ok: false,
        error: { code: 'notification.answered', message: 'This notice was answered already.' },
      });
    }
    expect(told).toHaveLength(1);
  });

  it('Power off powers the VPS off by the power route’s path: the notice answered, the channels told', async () => {
    const { userId, vpsId } = await readyVps(call, cloudUrl, 'idle-box');
    const id = await notice(userId, vpsId);
    const { notices, told } = control();
    expect(await notices.answer(userId, id, 'power_off')).toEqual({ ok: true, value: 'powered_off' });
    expect(await statusOf(vpsId)).toBe('powered_off');
    expect(await dismissedAt(id)).toEqual(expect.any(Number));
    expect(told).toEqual([{ ids: [id], userId, vpsId, kind: 'vps.idle', answer: 'powered_off' }]);
    expect(await notices.answer(userId, id, 'power_off')).toMatchObject({
      ok: false,
      error: { code: 'notification.answered' },
    });
  });

  it('Power off of a VPS that cannot power off answers the power path’s error and leaves the notice open', async () => {
    const { userId } = await signIn();
    const { vpsId } = await insertVps(userId, 'still-provisioning');
    const id = await notice(userId, vpsId);
    const { notices, told } = control();
    expect(await notices.answer(userId, id, 'power_off')).toMatchObject({
      ok: false,
      error: { code: 'vps.invalid_state' },
    });
    expect(await statusOf(vpsId)).toBe('provisioning');
    expect(await dismissedAt(id)).toBeNull();
    expect(told).toEqual([]);
  });

  it('Retry without a public URL is refused with the way to do it on the web', async () => {
    const { userId } = await signIn();
    const { vpsId } = await insertVps(userId, 'timed-out');
    const id = await notice(userId, vpsId, 'vps.provisioning_timeout');
    const { notices, told } = control({ PUBLIC_URL: '' });
    expect(await notices.answer(userId, id, 'retry')).toMatchObject({
      ok: false,
      error: { code: 'notification.no_public_url' },
    });
    expect(await dismissedAt(id)).toBeNull();
    expect(told).toEqual([]);
  });
});

describe('NoticeControl.answer retry', () => {
  const publicUrl = { PUBLIC_URL: 'https://vibecode.example' };

  it('Retry launches a new droplet by the retry route’s path: the notice answered, the channels told', async () => {
    const { userId, vpsId } = await readyVps(call, cloudUrl, 'slow-box');
    await env.DB.prepare("UPDATE vps SET status = 'provisioning_timeout' WHERE id = ?").bind(vpsId).run();
    const id = await notice(userId, vpsId, 'vps.provisioning_timeout');
    const { notices, told } = control(publicUrl);
    expect(await notices.answer(userId, id, 'retry')).toEqual({ ok: true, value: 'retried' });
    expect(await statusOf(vpsId)).toBe('provisioning');
    expect(await dismissedAt(id)).toEqual(expect.any(Number));
    expect(told).toEqual([{ ids: [id], userId, vpsId, kind: 'vps.provisioning_timeout', answer: 'retried' }]);
  });

  it('Retry of a VPS that did not time out answers the retry path’s error and leaves the notice open', async () => {
    const { userId, vpsId } = await readyVps(call, cloudUrl, 'up-box');
    const id = await notice(userId, vpsId, 'vps.provisioning_timeout');
    const { notices, told } = control(publicUrl);
    expect(await notices.answer(userId, id, 'retry')).toMatchObject({
      ok: false,
      error: { code: 'vps.invalid_state' },
    });
    expect(await statusOf(vpsId)).toBe('ready');
    expect(await dismissedAt(id)).toBeNull();
    expect(told).toEqual([]);
  });
});

describe('the banner’s dismiss', () => {
  const told: AnsweredNotices[] = [];
  const app = createApp({
    notifier: () => ({ notify: async () => {}, answered: async (a) => void told.push(a) }),
  });
  async function dismiss(id: string, cookie: string) {
    const ctx = createExecutionContext();
    const res = await app.fetch(
      browserRequest(`/api/notifications/${id}/dismiss`, cookie, { method: 'POST' }),
      { ...env, ...vars } as Env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return res.status;
  }

  it('tells the channels: an idle notice closed is one kept running, any other is dismissed', async () => {
    told.length = 0;
    const { userId, cookie } = await signIn();
    const { vpsId } = await insertVps(userId, 'banner');
    const idle = await notice(userId, vpsId);
    const offline = await notice(userId, vpsId, 'vps.offline');
    expect(await dismiss(idle, cookie)).toBe(204);
    expect(await dismiss(offline, cookie)).toBe(204);
    expect(told).toEqual([
      { ids: [idle], userId, vpsId, kind: 'vps.idle', answer: 'kept_running' },
      { ids: [offline], userId, vpsId, kind: 'vps.offline', answer: 'dismissed' },
    ]);
  });

  it('tells nobody about someone else’s notice, and answers 404', async () => {
    told.length = 0;
    const owner = await signIn();
    const { vpsId } = await insertVps(owner.userId, 'theirs');
    const id = await notice(owner.userId, vpsId);
    const stranger = await signIn();
    expect(await dismiss(id, stranger.cookie)).toBe(404);
    expect(await dismissedAt(id)).toBeNull();
    expect(told).toEqual([]);
  });

  it('dismisses even when the channels cannot be reached', async () => {
    const broken = createApp({
      notifier: () => {
        throw new Error('no bot configured');
      },
    });
    const { userId, cookie } = await signIn();
    const { vpsId } = await insertVps(userId, 'unreachable');
    const id = await notice(userId, vpsId);
    const ctx = createExecutionContext();
    const res = await broken.fetch(
      browserRequest(`/api/notifications/${id}/dismiss`, cookie, { method: 'POST' }),
      { ...env, ...vars } as Env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(204);
    expect(await dismissedAt(id)).toEqual(expect.any(Number));
  });
});
