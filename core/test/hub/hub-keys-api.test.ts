import { env } from 'cloudflare:workers';
import { message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers/auth.ts';
import { createVpsWithGateway } from '../helpers/fixtures.ts';
import { connectGateway, untilOffline } from '../helpers/gateway-socket.ts';
import { api, errorOf } from './subscriber.ts';

// `ssh-keygen -lf` prints USER_FP for USER_KEY; SUPPORT_PUBLIC_KEY (vitest.config.ts) is a different key.
const USER_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIP+0taXVhXuGGiZJnqgkEtTTHMR6yiMpsH/xIUKDb8L5 me@laptop';
const USER_FP = 'SHA256:YAwxGVntQEscb6feb/Q0FUoWpBqUsIjEXigjx1maG6w';

type KeyJson = { fingerprint: string; label: string; type: string; expires_at: string | null; public_key: string };

async function setup() {
  const user = await signIn();
  const vps = await createVpsWithGateway(user.userId);
  const gateway = await connectGateway(vps.credential, vps.gatewayId);
  return { user, vps, gateway };
}

const keyRows = async (vpsId: string) =>
  (
    await env.DB.prepare('SELECT fingerprint, type, label FROM authorized_keys WHERE vps_id = ? ORDER BY type')
      .bind(vpsId)
      .all<{ fingerprint: string; type: string; label: string }>()
  ).results;

const listKeys = async (cookie: string, vpsId: string) =>
  ((await (await api(`/api/vps/${vpsId}/keys`, cookie)).json()) as { keys: KeyJson[] }).keys;

describe('SSH keys API', () => {
  it('adds a key through the gateway, lists it, and removes it by fingerprint', async () => {
    const { user, vps, gateway } = await setup();
    const res = await api(`/api/vps/${vps.vpsId}/keys`, user.cookie, {
      method: 'POST',
      json: { public_key: USER_KEY, label: 'laptop' },
    });
    expect(res.status).toBe(201);
    const { key } = (await res.json()) as { key: KeyJson };
    expect(key).toMatchObject({ fingerprint: USER_FP, label: 'laptop', type: 'user', expires_at: null });
    expect(key.public_key).toBe(USER_KEY.split(' ').slice(0, 2).join(' '));
    expect(await gateway.inbox.nextMessage('ssh.authorize')).toMatchObject({ label: 'laptop', key_type: 'user' });
    expect((await listKeys(user.cookie, vps.vpsId)).map((k) => k.fingerprint)).toEqual([USER_FP]);

    const del = await api(`/api/vps/${vps.vpsId}/keys/${encodeURIComponent(USER_FP)}`, user.cookie, {
      method: 'DELETE',
    });
    expect(del.status).toBe(204);
    expect(await gateway.inbox.nextMessage('ssh.revoke')).toEqual(
      message('ssh.revoke', { fingerprint: USER_FP, ref: expect.any(String) }),
    );
    expect(await keyRows(vps.vpsId)).toEqual([]);
    const again = await api(`/api/vps/${vps.vpsId}/keys/${encodeURIComponent(USER_FP)}`, user.cookie, {
      method: 'DELETE',
    });
    expect(await errorOf(again)).toEqual({ status: 404, code: 'ssh.key_not_found' });
  });

  it('grants support access for 24 h with the configured key and revokes it', async () => {
    const { user, vps, gateway } = await setup();
    const res = await api(`/api/vps/${vps.vpsId}/support-access`, user.cookie, { method: 'POST' });
    expect(res.status).toBe(201);
    const { key } = (await res.json()) as { key: KeyJson };
    expect(key.type).toBe('support');
    const expires = Date.parse(key.expires_at ?? '');
    expect(Math.abs(expires - (Date.now() + 24 * 3600_000))).toBeLessThan(60_000);
    const sent = await gateway.inbox.nextMessage('ssh.authorize');
    expect(sent).toMatchObject({ key_type: 'support', label: 'VibeCode support', expires_at: key.expires_at });

    expect((await api(`/api/vps/${vps.vpsId}/support-access`, user.cookie, { method: 'DELETE' })).status).toBe(204);
    expect((await gateway.inbox.nextMessage('ssh.revoke')).fingerprint).toBe(key.fingerprint);
    expect(await keyRows(vps.vpsId)).toEqual([]);
    const again = await api(`/api/vps/${vps.vpsId}/support-access`, user.cookie, { method: 'DELETE' });
    expect(await errorOf(again)).toEqual({ status: 404, code: 'support.not_granted' });
  });

  it('refuses bad key input with typed 4xx and stores nothing', async () => {
    const { user, vps, gateway } = await setup();
    const post = (json: unknown) => api(`/api/vps/${vps.vpsId}/keys`, user.cookie, { method: 'POST', json });
    const cases: [unknown, number, string][] = [
      [{ public_key: 'ssh-ed25519 nope', label: 'x' }, 400, 'ssh.invalid_key'],
      [{ public_key: '-----BEGIN OPENSSH PRIVATE KEY-----', label: 'x' }, 400, 'ssh.invalid_key'],
      [{ public_key: 42, label: 'x' }, 400, 'ssh.invalid_key'],
      [{ public_key: USER_KEY }, 400, 'http.invalid_body'],
      [{ public_key: USER_KEY, label: '' }, 400, 'http.invalid_body'],
      [{ public_key: USER_KEY, label: 'x'.repeat(101) }, 400, 'http.invalid_body'],
      [{ public_key: USER_KEY, label: 'x', type: 'support' }, 400, 'http.invalid_body'],
      [[USER_KEY], 400, 'http.invalid_body'],
    ];
    for (const [json, status, code] of cases) expect(await errorOf(await post(json))).toEqual({ status, code });
    const del = await api(`/api/vps/${vps.vpsId}/keys/not-a-fingerprint`, user.cookie, { method: 'DELETE' });
    expect(await errorOf(del)).toEqual({ status: 400, code: 'ssh.invalid_fingerprint' });
    expect(gateway.inbox.messages('ssh.authorize')).toEqual([]);
    expect(gateway.inbox.messages('ssh.revoke')).toEqual([]);
    expect(await keyRows(vps.vpsId)).toEqual([]);
  });

  it('maps a gateway refusal to a typed error and stores nothing', async () => {
    const { user, vps, gateway } = await setup();
    gateway.override = (msg, gw) => {
      if (msg.type !== 'ssh.authorize') return false;
      gw.send(
        message('error', {
          code: 'ssh.invalid_key',
          message: 'ssh-keygen rejected it',
          ...(msg.ref ? { ref: msg.ref } : {}),
        }),
      );
      return true;
    };
    const res = await api(`/api/vps/${vps.vpsId}/keys`, user.cookie, {
      method: 'POST',
      json: { public_key: USER_KEY, label: 'x' },
    });
    expect(await errorOf(res)).toEqual({ status: 400, code: 'ssh.invalid_key' });
    expect(await keyRows(vps.vpsId)).toEqual([]);
  });

  it('answers 503 gateway.offline when the gateway is not connected', async () => {
    const { user, vps, gateway } = await setup();
    gateway.close();
    await untilOffline(vps.gatewayId);
    const res = await api(`/api/vps/${vps.vpsId}/keys`, user.cookie, {
      method: 'POST',
      json: { public_key: USER_KEY, label: 'x' },
    });
    expect(await errorOf(res)).toEqual({ status: 503, code: 'gateway.offline' });
    expect(await keyRows(vps.vpsId)).toEqual([]);
  });

  it('gives another user 404 on every key and support route and changes nothing', async () => {
    const { user, vps, gateway } = await setup();
    await api(`/api/vps/${vps.vpsId}/keys`, user.cookie, {
      method: 'POST',
      json: { public_key: USER_KEY, label: 'mine' },
    });
    await api(`/api/vps/${vps.vpsId}/support-access`, user.cookie, { method: 'POST' });
    const before = await keyRows(vps.vpsId);
    const c = (await signIn()).cookie;
    const notFound = { status: 404, code: 'vps.not_found' };
    expect(await errorOf(await api(`/api/vps/${vps.vpsId}/keys`, c))).toEqual(notFound);
    expect(
      await errorOf(
        await api(`/api/vps/${vps.vpsId}/keys`, c, { method: 'POST', json: { public_key: USER_KEY, label: 'x' } }),
      ),
    ).toEqual(notFound);
    expect(
      await errorOf(await api(`/api/vps/${vps.vpsId}/keys/${encodeURIComponent(USER_FP)}`, c, { method: 'DELETE' })),
    ).toEqual(notFound);
    expect(await errorOf(await api(`/api/vps/${vps.vpsId}/support-access`, c, { method: 'POST' }))).toEqual(notFound);
    expect(await errorOf(await api(`/api/vps/${vps.vpsId}/support-access`, c, { method: 'DELETE' }))).toEqual(notFound);
    expect(await keyRows(vps.vpsId)).toEqual(before);
    expect(gateway.inbox.messages('ssh.revoke')).toEqual([]);
  });
});
