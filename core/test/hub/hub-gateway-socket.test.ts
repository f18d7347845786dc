import { env, exports } from 'cloudflare:workers';
import { encodeOutputFrame, message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers/auth.ts';
import { createVpsWithGateway } from '../helpers/fixtures.ts';
import { connectGateway, eventually, FakeGateway, openSocket } from '../helpers/gateway-socket.ts';
import { api, connectSubscriber, createSession, errorOf } from './subscriber.ts';

const gatewayRow = (id: string) =>
  env.DB.prepare('SELECT connected, version, last_seen_at, health_json FROM gateways WHERE id = ?')
    .bind(id)
    .first<{ connected: number; version: string | null; last_seen_at: number | null; health_json: string | null }>();
const vpsStatus = async (id: string) =>
  (await env.DB.prepare('SELECT status FROM vps WHERE id = ?').bind(id).first<{ status: string }>())?.status;

async function rawGateway(credential: string, gatewayId: string, headers: Record<string, string> = {}) {
  const ws = await openSocket('http://localhost/ws/gateway', { Authorization: `Bearer ${credential}`, ...headers });
  if (ws instanceof Response) throw new Error(`refused ${ws.status}`);
  return new FakeGateway(ws, gatewayId);
}

describe('/ws/gateway', () => {
  it.each([
    ['no Authorization', {}],
    ['a wrong scheme', { Authorization: 'Basic abc' }],
    ['an unknown credential', { Authorization: `Bearer ${'A'.repeat(43)}` }],
    ['a malformed credential', { Authorization: 'Bearer not a token' }],
  ])('refuses %s with 401 and opens no socket', async (_name, headers) => {
    const res = await openSocket('http://localhost/ws/gateway', headers);
    expect(res).toBeInstanceOf(Response);
    expect(await errorOf(res as Response)).toEqual({ status: 401, code: 'auth.invalid_credential' });
  });

  it('refuses a valid credential without an upgrade with 426', async () => {
    const { userId } = await signIn();
    const vps = await createVpsWithGateway(userId);
    const res = await exports.default.fetch('http://localhost/ws/gateway', {
      headers: { Authorization: `Bearer ${vps.credential}` },
    });
    expect(await errorOf(res)).toEqual({ status: 426, code: 'http.upgrade_required' });
  });

  it('marks the gateway connected and the VPS ready on hello, ignoring ids the client claims', async () => {
    const { userId } = await signIn();
    const mine = await createVpsWithGateway(userId);
    const other = await createVpsWithGateway(userId);
    const gateway = await rawGateway(mine.credential, mine.gatewayId, {
      'x-vibe-gateway-id': other.gatewayId,
      'x-vibe-vps-id': other.vpsId,
    });
    expect(await gatewayRow(mine.gatewayId)).toMatchObject({ connected: 0 });
    gateway.hello('1.2.3');
    await eventually(async () =>
      expect(await gatewayRow(mine.gatewayId)).toMatchObject({ connected: 1, version: '1.2.3' }),
    );
    expect(await vpsStatus(mine.vpsId)).toBe('ready');
    expect(await gatewayRow(other.gatewayId)).toMatchObject({ connected: 0, version: null });
    expect(await vpsStatus(other.vpsId)).toBe('provisioning');
  });

  it.each([
    [
      'a frame other than hello',
      message('gateway.health', {
        gateway_id: 'x',
        cpu: 1,
        mem: { used: 1, total: 2 },
        disk: { used: 1, total: 2 },
        uptime: 1,
        last_activity_at: null,
      }),
      'protocol.hello_required',
    ],
    [
      'a hello for another gateway',
      message('gateway.hello', { gateway_id: 'someone-else', version: '1.0.0' }),
      'protocol.hello_required',
    ],
    ['invalid JSON', '{"type":"gateway.hello"', 'protocol.invalid_json'],
  ])('answers %s first with an error, closes with 4001 and records nothing', async (_name, first, code) => {
    const { userId } = await signIn();
    const vps = await createVpsWithGateway(userId);
    const gateway = await rawGateway(vps.credential, vps.gatewayId);
    gateway.inbox.send(first);
    expect((await gateway.inbox.nextMessage('error')).code).toBe(code);
    expect((await gateway.inbox.closed).code).toBe(4001);
    expect(await gatewayRow(vps.gatewayId)).toMatchObject({ connected: 0, version: null, health_json: null });
    expect(await vpsStatus(vps.vpsId)).toBe('provisioning');
  });

  it('refuses a binary frame before hello the same way', async () => {
    const { userId } = await signIn();
    const vps = await createVpsWithGateway(userId);
    const gateway = await rawGateway(vps.credential, vps.gatewayId);
    gateway.ws.send(encodeOutputFrame(1, 1, new Uint8Array([1])));
    expect((await gateway.inbox.nextMessage('error')).code).toBe('protocol.hello_required');
    expect((await gateway.inbox.closed).code).toBe(4001);
    expect(await gatewayRow(vps.gatewayId)).toMatchObject({ connected: 0 });
  });

  it('answers bad frames after hello with a typed error and keeps the link', async () => {
    const { userId } = await signIn();
    const vps = await createVpsWithGateway(userId);
    const gateway = await connectGateway(vps.credential, vps.gatewayId);
    const cases: [string | Uint8Array, string][] = [
      ['nope', 'protocol.invalid_json'],
      [JSON.stringify({ type: 'what', schema_version: '1' }), 'protocol.unknown_type'],
      [JSON.stringify({ type: 'session.started', schema_version: '1' }), 'protocol.schema'],
      [JSON.stringify(message('session.input', { session_id: 1, data: 'x' })), 'protocol.not_allowed'],
      [
        JSON.stringify(message('gateway.offline', { gateway_id: 'g', since: '2026-01-01T00:00:00Z' })),
        'protocol.not_allowed',
      ],
      [new Uint8Array([1, 0, 0]), 'frame.too_short'],
      [new Uint8Array([9, 0, 0, 0, 1, 0, 0, 0, 1]), 'frame.unknown_kind'],
      [new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, 1]), 'frame.invalid_session'],
    ];
    for (const [frame, code] of cases) {
      gateway.ws.send(frame);
      expect((await gateway.inbox.nextMessage('error')).code).toBe(code);
    }
    const health = message('gateway.health', {
      gateway_id: vps.gatewayId,
      cpu: 12.5,
      mem: { used: 100, total: 1000 },
      disk: { used: 5, total: 50 },
      uptime: 3600,
      last_activity_at: '2026-11-24T10:00:00.000Z',
    });
    gateway.send(health);
    await eventually(async () =>
      expect(JSON.parse((await gatewayRow(vps.gatewayId))?.health_json ?? 'null')).toEqual(health),
    );
  });

  it('replaces the first socket with a second one for the same credential', async () => {
    const user = await signIn();
    const vps = await createVpsWithGateway(user.userId);
    const first = await connectGateway(vps.credential, vps.gatewayId);
    const session = await createSession(user.cookie, vps.vpsId);
    const viewer = await connectSubscriber(user.cookie, session.id);
    const second = await connectGateway(vps.credential, vps.gatewayId);
    expect((await first.inbox.closed).code).toBe(4000);
    second.sessions.add(session.number);
    viewer.send(message('session.input', { session_id: session.number, data: 'after' }));
    expect((await second.inbox.nextMessage('session.input')).data).toBe('after');
    expect(first.inbox.messages('session.input')).toEqual([]);
    await viewer.expectNothing((f) => f.kind === 'text' && f.msg.type === 'gateway.offline');
    expect(await gatewayRow(vps.gatewayId)).toMatchObject({ connected: 1 });
  });

  it('tells subscribers when the gateway goes offline and comes back, and records both', async () => {
    const user = await signIn();
    const vps = await createVpsWithGateway(user.userId);
    const gateway = await connectGateway(vps.credential, vps.gatewayId);
    const session = await createSession(user.cookie, vps.vpsId);
    const viewer = await connectSubscriber(user.cookie, session.id);

    gateway.close();
    const offline = await viewer.nextMessage('gateway.offline');
    expect(offline.gateway_id).toBe(vps.gatewayId);
    expect(Date.parse(offline.since)).toBeGreaterThan(Date.now() - 10_000);
    await eventually(async () => expect(await gatewayRow(vps.gatewayId)).toMatchObject({ connected: 0 }));
    expect(await vpsStatus(vps.vpsId)).toBe('offline');

    viewer.send(message('session.input', { session_id: session.number, data: 'lost' }));
    expect((await viewer.nextMessage('error')).code).toBe('gateway.offline');
    const late = await connectSubscriber(user.cookie, session.id);
    expect((await late.nextMessage('gateway.offline')).since).toBe(offline.since);
    expect(
      await errorOf(
        await api(`/api/vps/${vps.vpsId}/sessions`, user.cookie, {
          method: 'POST',
          json: { title: 't', agent_type: 'shell' },
        }),
      ),
    ).toEqual({
      status: 503,
      code: 'gateway.offline',
    });

    await connectGateway(vps.credential, vps.gatewayId);
    expect((await viewer.nextMessage('gateway.online')).gateway_id).toBe(vps.gatewayId);
    expect((await late.nextMessage('gateway.online')).gateway_id).toBe(vps.gatewayId);
    expect(await vpsStatus(vps.vpsId)).toBe('ready');
  });
});
