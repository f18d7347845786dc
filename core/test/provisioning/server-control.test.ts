/**
 * Core's `ServerControl` for the channels (a chat's /power and /keys, the server choice of /new) inside workerd
 * against localcloud: the same path as `POST /api/vps/:id/power` (state rules, the cloud's action, the idle notice
 * answered, the sessions stopped) and the web's key list, with errors as values — someone else's VPS, bad input, the
 * wrong state, no cloud.
 */
import { env } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import { channelPorts } from '../../src/notify/channel-ports.ts';
import type { AnsweredNotices } from '../../src/notify/notification.ts';
import type { PowerAction } from '../../src/vps/power.ts';
import { signIn } from '../helpers/auth.ts';
import type { BrowserInit } from '../helpers/browser-request.ts';
import { callApp, localcloudVars, offlineCloudVars, readyVps } from '../helpers/cloud-app.ts';
import { sql, statusOf } from '../helpers/d1-rows.ts';
import { insertVps } from '../helpers/fixtures.ts';
import { quiet } from '../helpers/notifier.ts';

const cloudUrl = inject('localcloudUrl');
const vars = localcloudVars(cloudUrl, `${cloudUrl}/releases/vibe-gateway.tar.gz`);
const call = (path: string, cookie: string, init: BrowserInit = {}) => callApp(vars, path, cookie, init);
const servers = (extra: Record<string, unknown> = vars) => channelPorts({ ...env, ...extra } as Env, quiet).servers;

describe('ServerControl', () => {
  it('lists the user’s servers, newest first, and none of anyone else’s', async () => {
    const { userId } = await signIn();
    const older = await insertVps(userId, 'older');
    await sql('UPDATE vps SET created_at = created_at - 1000 WHERE id = ?', older.vpsId);
    const newer = await insertVps(userId, 'newer');
    await insertVps((await signIn()).userId, 'theirs');
    expect(await servers().list(userId)).toEqual([
      { vpsId: newer.vpsId, name: 'newer', status: 'provisioning', region: 'nyc1', size: 's-1vcpu-1gb' },
      { vpsId: older.vpsId, name: 'older', status: 'provisioning', region: 'nyc1', size: 's-1vcpu-1gb' },
    ]);
  });

  it('powers off and on as the web does: the idle notice answered, the sessions stopped, the channels told', async () => {
    const { userId, vpsId } = await readyVps(call, cloudUrl, 'power-box');
    const now = Date.now();
    await sql(
      "INSERT INTO notifications (id, user_id, vps_id, kind, payload_json, created_at) VALUES (?, ?, ?, 'vps.idle', '{}', ?)",
      crypto.randomUUID(),
      userId,
      vpsId,
      now,
    );
    await sql(
      "INSERT INTO sessions (id, user_id, vps_id, number, title, agent_type, tmux_name, workdir, status, created_at) VALUES (?, ?, ?, 1, 't', 'shell', 'vibe-1', '/w/t-1', 'running', ?)",
      crypto.randomUUID(),
      userId,
      vpsId,
      now,
    );
    const answered: AnsweredNotices[] = [];
    const notifier = { notify: async () => {}, answered: async (a: AnsweredNotices) => void answered.push(a) };
    const control = channelPorts({ ...env, ...vars } as Env, quiet, () => notifier).servers;

    const off = await control.power(userId, vpsId, 'off');
    expect(off).toMatchObject({ ok: true, value: { vpsId, name: 'power-box', status: 'powered_off' } });
    const open = await env.DB.prepare(
      'SELECT count(*) AS n FROM notifications WHERE vps_id = ? AND dismissed_at IS NULL',
    )
      .bind(vpsId)
      .first<{ n: number }>();
    expect(open?.n).toBe(0);
    expect(answered).toEqual([expect.objectContaining({ userId, vpsId, kind: 'vps.idle', answer: 'powered_off' })]);
    const session = await env.DB.prepare('SELECT status FROM sessions WHERE vps_id = ?').bind(vpsId).first();
    expect(session).toEqual({ status: 'stopped' });

    expect(await control.power(userId, vpsId, 'off')).toMatchObject({
      ok: false,
      error: { code: 'vps.invalid_state' },
    });
    expect(await control.power(userId, vpsId, 'on')).toMatchObject({ ok: true, value: { status: 'powering_on' } });
    expect(await statusOf(vpsId)).toBe('powering_on');
  });

  it('refuses someone else’s VPS, a bad action, the wrong state and a missing cloud, changing nothing', async () => {
    const { userId, vpsId } = await readyVps(call, cloudUrl, 'guarded-box');
    const stranger = await signIn();
    expect(await servers().power(stranger.userId, vpsId, 'off')).toEqual({
      ok: false,
      error: { code: 'vps.not_found', message: 'no such VPS' },
    });
    expect(await servers().keys(stranger.userId, vpsId)).toEqual({
      ok: false,
      error: { code: 'vps.not_found', message: 'no such VPS' },
    });
    expect(await servers().power(userId, vpsId, 'reboot' as PowerAction)).toMatchObject({
      ok: false,
      error: { code: 'http.invalid_body' },
    });
    // The cloud is asked only once the state allows the action; then a cloud that is missing is the answer.
    const empty = { DO_API_BASE_URL: '', DO_OAUTH_BASE_URL: '', DO_CLIENT_ID: '', DO_CLIENT_SECRET: '' };
    expect(await servers(empty).power(userId, vpsId, 'on')).toMatchObject({
      ok: false,
      error: { code: 'vps.invalid_state' },
    });
    expect(await servers(empty).power(userId, vpsId, 'off')).toMatchObject({
      ok: false,
      error: { code: 'cloud.not_configured' },
    });
    const unconnected = await signIn();
    const { vpsId: theirs } = await insertVps(unconnected.userId, 'unconnected');
    await sql("UPDATE vps SET status = 'ready', droplet_id = 1 WHERE id = ?", theirs);
    expect(await servers(offlineCloudVars).power(unconnected.userId, theirs, 'off')).toMatchObject({
      ok: false,
      error: { code: 'cloud.not_connected' },
    });
    expect(await statusOf(vpsId)).toBe('ready');
    expect(await statusOf(theirs)).toBe('ready');
  });

  it('lists a VPS’s SSH keys as the web does, expired support keys left out', async () => {
    const { userId, vpsId } = await readyVps(call, cloudUrl, 'keys-box');
    const now = Date.now();
    const key = (fingerprint: string, type: string, expiresAt: number | null) =>
      sql(
        'INSERT INTO authorized_keys (id, vps_id, fingerprint, label, type, public_key, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        crypto.randomUUID(),
        vpsId,
        fingerprint,
        `${type} key`,
        type,
        `ssh-ed25519 AAAA ${type}`,
        expiresAt,
        now,
      );
    await key('SHA256:user', 'user', null);
    await key('SHA256:gone', 'support', now - 1);
    expect(await servers().keys(userId, vpsId)).toEqual({
      ok: true,
      value: [
        {
          fingerprint: 'SHA256:user',
          label: 'user key',
          type: 'user',
          public_key: 'ssh-ed25519 AAAA user',
          expires_at: null,
          created_at: new Date(now).toISOString(),
        },
      ],
    });
  });
});
