import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { encodeOutputFrame, message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import type { SubscriberAttachment } from '../../src/hub/attachment.ts';
import { readAttachment, writeAttachment } from '../../src/hub/attachment-cache.ts';
import { MAX_SUBSCRIBERS } from '../../src/hub/limits.ts';
import { ORIGIN, signIn } from '../helpers/auth.ts';
import { openSocket } from '../helpers/gateway-socket.ts';
import { api, connectSubscriber, createSession, errorOf, sessionOnGateway } from './subscriber.ts';

const setup = () => sessionOnGateway();

const subscriberCount = (stub: DurableObjectStub) =>
  runInDurableObject(stub, (_hub, state) => state.getWebSockets('subscriber').length);

describe('/ws/sessions/:id', () => {
  it('refuses without a cookie, from another origin, for a stranger or unknown session, and without upgrade', async () => {
    const { user, session, stub } = await setup();
    const stranger = await signIn();
    const url = `${ORIGIN}/ws/sessions/${session.id}`;
    const refused = async (res: WebSocket | Response) => errorOf(res as Response);
    expect(await refused(await openSocket(url, { origin: ORIGIN }))).toEqual({ status: 401, code: 'auth.required' });
    expect(await refused(await openSocket(url, { cookie: user.cookie }))).toEqual({
      status: 403,
      code: 'http.cross_origin',
    });
    expect(await refused(await openSocket(url, { cookie: user.cookie, origin: 'http://evil.example' }))).toEqual({
      status: 403,
      code: 'http.cross_origin',
    });
    expect(await refused(await openSocket(url, { cookie: stranger.cookie, origin: ORIGIN }))).toEqual({
      status: 404,
      code: 'session.not_found',
    });
    expect(
      await refused(
        await openSocket(`${ORIGIN}/ws/sessions/${crypto.randomUUID()}`, { cookie: user.cookie, origin: ORIGIN }),
      ),
    ).toEqual({ status: 404, code: 'session.not_found' });
    const plain = await exports.default.fetch(url, { headers: { cookie: user.cookie, origin: ORIGIN } });
    expect(await errorOf(plain)).toEqual({ status: 426, code: 'http.upgrade_required' });
    expect(await subscriberCount(stub)).toBe(0);
  });

  it('refuses an ended session with 409', async () => {
    const { user, session } = await setup();
    expect((await api(`/api/sessions/${session.id}`, user.cookie, { method: 'DELETE' })).status).toBe(200);
    const res = await openSocket(`${ORIGIN}/ws/sessions/${session.id}`, { cookie: user.cookie, origin: ORIGIN });
    expect(await errorOf(res as Response)).toEqual({ status: 409, code: 'session.ended' });
  });

  it('answers every frame a subscriber may not send with a typed error, forwards nothing, and stays open', async () => {
    const { user, gateway, session } = await setup();
    const viewer = await connectSubscriber(user.cookie, session.id);
    const n = session.number;
    const cases: [string | Uint8Array, string][] = [
      ['{"type":', 'protocol.invalid_json'],
      [JSON.stringify({ type: 'session.explode', schema_version: '1' }), 'protocol.unknown_type'],
      [JSON.stringify({ type: 'session.input', schema_version: '1', session_id: n }), 'protocol.schema'],
      [JSON.stringify({ ...message('session.input', { session_id: n, data: 'x' }), extra: 1 }), 'protocol.schema'],
      [JSON.stringify(message('session.input', { session_id: n + 1, data: 'x' })), 'session.mismatch'],
      [JSON.stringify(message('session.end', { session_id: n })), 'protocol.not_allowed'],
      [
        JSON.stringify(
          message('session.create', {
            session_id: n,
            tmux_name: 'vibe-1',
            agent_type: 'shell',
            workdir: '/home/vibe/workspace/x',
          }),
        ),
        'protocol.not_allowed',
      ],
      [JSON.stringify(message('ssh.list', {})), 'protocol.not_allowed'],
      [JSON.stringify(message('file.download', { session_id: n, path: 'a' })), 'protocol.not_allowed'],
      [JSON.stringify(message('gateway.hello', { gateway_id: 'g', version: '1.0.0' })), 'protocol.not_allowed'],
      [encodeOutputFrame(n, 1, new Uint8Array([1])), 'protocol.binary_not_allowed'],
      ['x'.repeat(1024 * 1024 + 1), 'protocol.too_large'],
    ];
    for (const [frame, code] of cases) {
      viewer.ws.send(frame);
      expect((await viewer.nextMessage('error')).code).toBe(code);
    }
    viewer.send(message('session.input', { session_id: n, data: 'ok' }));
    expect((await gateway.inbox.nextMessage('session.input')).data).toBe('ok');
    expect(gateway.inbox.messages('session.input')).toHaveLength(1);
    expect(gateway.inbox.messages('session.end')).toEqual([]);
    expect(gateway.inbox.messages('ssh.list')).toEqual([]);
  });

  // A hundred upgrades one after another: more than the default 5 s on a busy 2-core machine.
  it(`takes at most ${MAX_SUBSCRIBERS} viewers per gateway and refuses one more with 429, keeping the others`, {
    timeout: 30_000,
  }, async () => {
    const { user, session, stub } = await setup();
    const viewers = [];
    for (let i = 0; i < MAX_SUBSCRIBERS; i++) viewers.push(await connectSubscriber(user.cookie, session.id));
    const refused = await openSocket(`${ORIGIN}/ws/sessions/${session.id}`, { cookie: user.cookie, origin: ORIGIN });
    expect(await errorOf(refused as Response)).toEqual({ status: 429, code: 'hub.too_many_subscribers' });
    expect(await subscriberCount(stub)).toBe(MAX_SUBSCRIBERS);
    // One leaves: there is room again.
    viewers[0]?.ws.close(1000, 'done');
    await expect.poll(() => subscriberCount(stub)).toBe(MAX_SUBSCRIBERS - 1);
    viewers.push(await connectSubscriber(user.cookie, session.id));
    for (const viewer of viewers) viewer.ws.close(1000, 'done');
  });

  it('forwards resize and ack, and answers ping with pong', async () => {
    const { user, gateway, session } = await setup();
    const viewer = await connectSubscriber(user.cookie, session.id);
    viewer.send(message('session.resize', { session_id: session.number, cols: 100, rows: 30 }));
    viewer.send(message('session.ack', { session_id: session.number, seq: 3 }));
    // Each frame is its own DO event: under the vitest DO wrapper two events may reach the gateway in either order.
    await expect.poll(() => gateway.inbox.messages('session.resize')).toMatchObject([{ cols: 100, rows: 30 }]);
    await expect.poll(() => gateway.inbox.messages('session.ack')).toMatchObject([{ seq: 3 }]);
    viewer.send(message('ping', {}));
    await viewer.nextMessage('pong');
    viewer.send('{"schema_version":"1","type":"ping"}');
    await viewer.nextMessage('pong');
  });

  it("does not deliver one session's output to another session's subscribers", async () => {
    const { user, vps, gateway, session } = await setup();
    const other = await createSession(user.cookie, vps.vpsId, 'other');
    const a = await connectSubscriber(user.cookie, session.id);
    const b = await connectSubscriber(user.cookie, other.id);
    gateway.output(other.number, new Uint8Array([7]));
    expect((await b.nextBinary())[9]).toBe(7);
    await a.expectNothing((f) => f.kind === 'binary');
  });

  it('closes subscribers idle for 10 minutes when the alarm runs, and keeps the active ones', async () => {
    const { user, gateway, session, stub } = await setup();
    const idle = await connectSubscriber(user.cookie, session.id);
    const pinging = await connectSubscriber(user.cookie, session.id);
    const typing = await connectSubscriber(user.cookie, session.id);
    pinging.send(message('ping', {}));
    await pinging.nextMessage('pong');
    typing.send(message('session.input', { session_id: session.number, data: 'x' }));
    // Drive the clock: every subscriber's last input/ack is now 11 minutes old (written through the hub's
    // attachment cache, as the hub writes it)...
    await runInDurableObject(stub, (_hub, state) => {
      for (const ws of state.getWebSockets('subscriber')) {
        const att = readAttachment(ws) as SubscriberAttachment;
        writeAttachment(ws, { ...att, lastActiveAt: Date.now() - 11 * 60_000 });
      }
    });
    // ...except the typing one, which sends input again.
    typing.send(message('session.input', { session_id: session.number, data: 'y' }));
    // The hub marks the typing one active before it relays the input: relayed, it is marked.
    await gateway.inbox.next((f) => f.kind === 'text' && f.msg.type === 'session.input' && f.msg.data === 'y');
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await idle.closed).code).toBe(4002);
    expect(await subscriberCount(stub)).toBe(2);
    const alarmAt = await runInDurableObject(stub, (_hub, state) => state.storage.getAlarm());
    expect(alarmAt).toBeGreaterThan(Date.now() + 9 * 60_000);
  });

  it('forwards session.ended to subscribers and closes them', async () => {
    const { user, gateway, session } = await setup();
    const viewer = await connectSubscriber(user.cookie, session.id);
    gateway.sessions.delete(session.number);
    gateway.send(message('session.ended', { session_id: session.number, reason: 'exited' }));
    expect((await viewer.nextMessage('session.ended')).reason).toBe('exited');
    expect((await viewer.closed).code).toBe(4003);
    const row = await env.DB.prepare('SELECT status, ended_at FROM sessions WHERE id = ?')
      .bind(session.id)
      .first<{ status: string; ended_at: number | null }>();
    expect(row?.status).toBe('ended');
    expect(row?.ended_at).not.toBeNull();
  });
});
