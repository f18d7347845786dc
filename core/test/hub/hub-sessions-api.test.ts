import { env } from 'cloudflare:workers';
import { message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { ORIGIN, signIn } from '../helpers/auth.ts';
import { createVpsWithGateway } from '../helpers/fixtures.ts';
import { connectGateway } from '../helpers/gateway-socket.ts';
import { api, createSession, errorOf, type SessionJson } from './subscriber.ts';

async function setup() {
  const user = await signIn();
  const vps = await createVpsWithGateway(user.userId);
  const gateway = await connectGateway(vps.credential, vps.gatewayId);
  return { user, vps, gateway };
}

const sessionCount = async (vpsId: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM sessions WHERE vps_id = ?').bind(vpsId).first<{ n: number }>())?.n;

const list = async (cookie: string, vpsId: string) =>
  (
    (await (await api(`/api/vps/${vpsId}/sessions`, cookie)).json()) as {
      sessions: (SessionJson & { inactive: boolean })[];
    }
  ).sessions;

describe('sessions API', () => {
  it('creates a session through the gateway, with the next number, tmux name and workdir', async () => {
    const { user, vps, gateway } = await setup();
    const first = await createSession(user.cookie, vps.vpsId, 'Fix the Login bug!');
    const second = await createSession(user.cookie, vps.vpsId, '日本語');
    expect(first).toMatchObject({
      number: 1,
      status: 'running',
      tmux_name: 'vibe-1',
      workdir: '/home/vibe/workspace/fix-the-login-bug-1',
    });
    expect(second).toMatchObject({ number: 2, workdir: `/home/vibe/workspace/${second.id}` });
    const create = gateway.inbox.messages('session.create')[0];
    expect(create).toMatchObject({
      session_id: 1,
      tmux_name: 'vibe-1',
      agent_type: 'shell',
      workdir: '/home/vibe/workspace/fix-the-login-bug-1',
    });
    expect((await list(user.cookie, vps.vpsId)).map((s) => s.id)).toEqual([first.id, second.id]);
  });

  it('allows 5 live sessions per VPS and answers the 6th with 409 session.limit', async () => {
    const { user, vps } = await setup();
    for (let i = 0; i < 5; i++) await createSession(user.cookie, vps.vpsId, `s${i}`);
    const res = await api(`/api/vps/${vps.vpsId}/sessions`, user.cookie, {
      method: 'POST',
      json: { title: 'one too many', agent_type: 'shell' },
    });
    expect(await errorOf(res)).toEqual({ status: 409, code: 'session.limit' });
    expect(await sessionCount(vps.vpsId)).toBe(5);
  });

  it('marks sessions without activity for 24 h as inactive', async () => {
    const { user, vps } = await setup();
    const s = await createSession(user.cookie, vps.vpsId);
    expect((await list(user.cookie, vps.vpsId))[0]?.inactive).toBe(false);
    await env.DB.prepare('UPDATE sessions SET last_activity_at = ? WHERE id = ?')
      .bind(Date.now() - 25 * 3600_000, s.id)
      .run();
    expect((await list(user.cookie, vps.vpsId))[0]?.inactive).toBe(true);
  });

  it('ends a session through the gateway and lists it no more', async () => {
    const { user, vps, gateway } = await setup();
    const s = await createSession(user.cookie, vps.vpsId);
    const res = await api(`/api/sessions/${s.id}`, user.cookie, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { session: SessionJson }).session.status).toBe('ended');
    expect(gateway.inbox.messages('session.end')).toEqual([message('session.end', { session_id: s.number })]);
    expect(await list(user.cookie, vps.vpsId)).toEqual([]);
    const again = await api(`/api/sessions/${s.id}`, user.cookie, { method: 'DELETE' });
    expect(await errorOf(again)).toEqual({ status: 409, code: 'session.ended' });
  });

  it('removes the reserved row when the gateway refuses the create', async () => {
    const { user, vps, gateway } = await setup();
    gateway.override = (msg, gw) => {
      if (msg.type !== 'session.create') return false;
      gw.send(
        message('session.error', {
          session_id: msg.session_id,
          error: { code: 'session.agent_missing', message: 'claude is not installed' },
          ...(msg.ref ? { ref: msg.ref } : {}),
        }),
      );
      return true;
    };
    const res = await api(`/api/vps/${vps.vpsId}/sessions`, user.cookie, {
      method: 'POST',
      json: { title: 'x', agent_type: 'claude' },
    });
    expect(await errorOf(res)).toEqual({ status: 502, code: 'session.agent_missing' });
    expect(await sessionCount(vps.vpsId)).toBe(0);
  });

  it('refuses bad bodies with typed 4xx and creates nothing', async () => {
    const { user, vps } = await setup();
    const post = (body: string, headers: Record<string, string> = {}) =>
      api(`/api/vps/${vps.vpsId}/sessions`, user.cookie, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...headers },
      });
    const cases: [Promise<Response>, number, string][] = [
      [post('{'), 400, 'http.invalid_json'],
      [post('[]'), 400, 'http.invalid_body'],
      [post('{}'), 400, 'http.invalid_body'],
      [post(JSON.stringify({ title: '', agent_type: 'shell' })), 400, 'http.invalid_body'],
      [post(JSON.stringify({ title: 'x'.repeat(101), agent_type: 'shell' })), 400, 'http.invalid_body'],
      [post(JSON.stringify({ title: 'a\nb', agent_type: 'shell' })), 400, 'http.invalid_body'],
      [post(JSON.stringify({ title: 'ok', agent_type: 'vim' })), 400, 'http.invalid_body'],
      [post(JSON.stringify({ title: 'ok', agent_type: 'shell', workdir: '/etc' })), 400, 'http.invalid_body'],
      [post(JSON.stringify({ title: 'x'.repeat(400_000), agent_type: 'shell' })), 413, 'http.body_too_large'],
      [
        post(JSON.stringify({ title: 'ok', agent_type: 'shell' }), { 'content-type': 'text/plain' }),
        415,
        'http.unsupported_media_type',
      ],
      [
        post(JSON.stringify({ title: 'ok', agent_type: 'shell' }), { origin: 'http://evil.example' }),
        403,
        'http.cross_origin',
      ],
    ];
    for (const [res, status, code] of cases) expect(await errorOf(await res)).toEqual({ status, code });
    expect(await sessionCount(vps.vpsId)).toBe(0);
  });

  it('gives another user 404 on every session route and changes nothing', async () => {
    const { user, vps } = await setup();
    const s = await createSession(user.cookie, vps.vpsId);
    const stranger = await signIn();
    const c = stranger.cookie;
    expect(await errorOf(await api(`/api/vps/${vps.vpsId}/sessions`, c))).toEqual({
      status: 404,
      code: 'vps.not_found',
    });
    expect(
      await errorOf(
        await api(`/api/vps/${vps.vpsId}/sessions`, c, { method: 'POST', json: { title: 'x', agent_type: 'shell' } }),
      ),
    ).toEqual({ status: 404, code: 'vps.not_found' });
    expect(await errorOf(await api(`/api/sessions/${s.id}`, c, { method: 'DELETE' }))).toEqual({
      status: 404,
      code: 'session.not_found',
    });
    expect(await errorOf(await api(`/api/vps/${vps.vpsId}/health`, c))).toEqual({ status: 404, code: 'vps.not_found' });
    expect(await sessionCount(vps.vpsId)).toBe(1);
    expect((await list(user.cookie, vps.vpsId))[0]?.status).toBe('running');
  });

  it('requires a signed-in user', async () => {
    const { vps } = await setup();
    const { exports } = await import('cloudflare:workers');
    const res = await exports.default.fetch(`${ORIGIN}/api/vps/${vps.vpsId}/sessions`);
    expect(await errorOf(res)).toEqual({ status: 401, code: 'auth.required' });
  });

  it('reports the latest health, connection state and the last hour of samples, oldest first', async () => {
    const { user, vps, gateway } = await setup();
    const read = async () =>
      (await (await api(`/api/vps/${vps.vpsId}/health`, user.cookie)).json()) as {
        history: { at: string; cpu: number; mem: unknown; disk: unknown }[];
      } & Record<string, unknown>;
    expect((await read()).history).toEqual([]);
    const health = (cpu: number, memUsed: number) =>
      message('gateway.health', {
        gateway_id: vps.gatewayId,
        cpu,
        mem: { used: memUsed, total: 4 },
        disk: { used: 2, total: 8 },
        uptime: 99,
        last_activity_at: '2026-11-24T09:00:00.000Z',
      });
    const { eventually } = await import('../helpers/gateway-socket.ts');
    // One at a time: under the vitest DO wrapper frames sent back to back may be handled in either order.
    for (const [cpu, memUsed] of [
      [40, 3],
      [12, 2],
      [3, 1],
    ] as const) {
      const before = (await read()).history.length;
      gateway.send(health(cpu, memUsed));
      await eventually(async () => expect((await read()).history).toHaveLength(before + 1));
    }
    await eventually(async () => {
      const body = await read();
      expect(body).toMatchObject({
        connected: true,
        health: health(3, 1),
        last_activity_at: '2026-11-24T09:00:00.000Z',
      });
      expect(body.history.map(({ cpu, mem, disk }) => ({ cpu, mem, disk }))).toEqual([
        { cpu: 40, mem: { used: 3, total: 4 }, disk: { used: 2, total: 8 } },
        { cpu: 12, mem: { used: 2, total: 4 }, disk: { used: 2, total: 8 } },
        { cpu: 3, mem: { used: 1, total: 4 }, disk: { used: 2, total: 8 } },
      ]);
      const times = body.history.map((s) => Date.parse(s.at));
      expect(body.history.map((s) => new Date(Date.parse(s.at)).toISOString())).toEqual(body.history.map((s) => s.at));
      expect(times).toEqual([...times].sort((x, y) => x - y));
    });
  });
});
