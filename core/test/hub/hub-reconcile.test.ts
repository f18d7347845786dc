/**
 * A gateway's hello lists the sessions it runs; the hub stops the running ones it leaves out (their tmux server died
 * with a reboot): `stopped` in D1, still listed and restartable, and ended for their viewers, before it tells anyone
 * the gateway is online.
 */
import { env } from 'cloudflare:workers';
import { message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers/auth.ts';
import { createVpsWithGateway } from '../helpers/fixtures.ts';
import { connectGateway, FakeGateway, type Frame, openSocket, type SocketInbox } from '../helpers/gateway-socket.ts';
import { api, connectSubscriber, createSession, type SessionJson } from './subscriber.ts';

const listed = async (cookie: string, vpsId: string) =>
  ((await (await api(`/api/vps/${vpsId}/sessions`, cookie)).json()) as { sessions: SessionJson[] }).sessions.map(
    (s) => s.number,
  );
const row = (id: string) =>
  env.DB.prepare('SELECT status, ended_at FROM sessions WHERE id = ?')
    .bind(id)
    .first<{ status: string; ended_at: number | null }>();
const isText = (type: string) => (f: Frame) => f.kind === 'text' && f.msg.type === type;
const typesOf = (viewer: SocketInbox) => viewer.frames.flatMap((f) => (f.kind === 'text' ? [f.msg.type] : []));

/** Two running sessions, a viewer on each, and a gateway that has just gone offline. */
async function offlineWithTwoSessions() {
  const user = await signIn();
  const vps = await createVpsWithGateway(user.userId);
  const gateway = await connectGateway(vps.credential, vps.gatewayId);
  const gone = await createSession(user.cookie, vps.vpsId, 'gone');
  const kept = await createSession(user.cookie, vps.vpsId, 'kept');
  const goneViewer = await connectSubscriber(user.cookie, gone.id);
  const keptViewer = await connectSubscriber(user.cookie, kept.id);
  gateway.close();
  await goneViewer.nextMessage('gateway.offline');
  await keptViewer.nextMessage('gateway.offline');
  return { user, vps, gone, kept, goneViewer, keptViewer };
}

describe('reconciling sessions on gateway.hello', () => {
  it('stops a running session the hello leaves out: lost for its viewer before gateway.online, listed as stopped', async () => {
    const { user, vps, gone, kept, goneViewer, keptViewer } = await offlineWithTwoSessions();
    const back = await connectGateway(vps.credential, vps.gatewayId, { sessions: [kept.number] });

    expect(await goneViewer.nextMessage('session.ended')).toEqual(
      message('session.ended', { session_id: gone.number, reason: 'lost' }),
    );
    expect((await goneViewer.closed).code).toBe(4003);
    // Closed before the broadcast: this viewer never hears the gateway is back, so it never re-attaches.
    expect(typesOf(goneViewer)).toEqual(['gateway.offline', 'session.ended']);
    expect(await row(gone.id)).toMatchObject({ status: 'stopped', ended_at: null });
    expect(await listed(user.cookie, vps.vpsId)).toEqual([gone.number, kept.number]);

    // The other viewer is untouched: it hears the gateway is back and its input still flows.
    await keptViewer.nextMessage('gateway.online');
    expect(keptViewer.messages('session.ended')).toEqual([]);
    keptViewer.send(message('session.input', { session_id: kept.number, data: 'still here' }));
    expect((await back.inbox.nextMessage('session.input')).data).toBe('still here');
    expect(await row(kept.id)).toMatchObject({ status: 'running', ended_at: null });
    // The hub kills nothing on the gateway: it only records what the gateway said.
    expect(back.inbox.messages('session.end')).toEqual([]);
  });

  it('stops every running session when the hello lists none', async () => {
    const { user, vps, gone, kept, goneViewer, keptViewer } = await offlineWithTwoSessions();
    await connectGateway(vps.credential, vps.gatewayId, { sessions: [] });
    for (const viewer of [goneViewer, keptViewer]) {
      expect((await viewer.nextMessage('session.ended')).reason).toBe('lost');
      expect((await viewer.closed).code).toBe(4003);
      expect(viewer.messages('gateway.online')).toEqual([]);
    }
    expect(await listed(user.cookie, vps.vpsId)).toEqual([gone.number, kept.number]);
    expect(await row(kept.id)).toMatchObject({ status: 'stopped' });
  });

  it('changes nothing on a hello without sessions (a gateway that predates the list)', async () => {
    const { user, vps, gone, kept, goneViewer, keptViewer } = await offlineWithTwoSessions();
    await connectGateway(vps.credential, vps.gatewayId);
    await goneViewer.nextMessage('gateway.online');
    await keptViewer.nextMessage('gateway.online');
    expect(goneViewer.messages('session.ended')).toEqual([]);
    expect(keptViewer.messages('session.ended')).toEqual([]);
    expect(await listed(user.cookie, vps.vpsId)).toEqual([gone.number, kept.number]);
  });

  it('leaves a starting session (a create in flight owns it) and sessions D1 does not know alone', async () => {
    const { user, vps, gone, kept, goneViewer } = await offlineWithTwoSessions();
    await env.DB.prepare("UPDATE sessions SET status = 'starting' WHERE id = ?").bind(gone.id).run();
    const back = await connectGateway(vps.credential, vps.gatewayId, { sessions: [kept.number, 42] });
    await goneViewer.nextMessage('gateway.online');
    expect(goneViewer.messages('session.ended')).toEqual([]);
    expect(await row(gone.id)).toMatchObject({ status: 'starting', ended_at: null });
    expect(await listed(user.cookie, vps.vpsId)).toEqual([gone.number, kept.number]);
    // Session 42 is only logged: the hub never ends what the gateway runs.
    await back.inbox.expectNothing(isText('session.end'));
  });

  it('reconciles a repeated hello on the same link too', async () => {
    const { vps, gone, kept, goneViewer, keptViewer } = await offlineWithTwoSessions();
    const back = await connectGateway(vps.credential, vps.gatewayId, { sessions: [gone.number, kept.number] });
    await goneViewer.nextMessage('gateway.online');
    back.hello(undefined, [gone.number]);
    expect((await keptViewer.nextMessage('session.ended')).reason).toBe('lost');
    expect((await keptViewer.closed).code).toBe(4003);
    expect(await row(kept.id)).toMatchObject({ status: 'stopped' });
    await goneViewer.expectNothing(isText('session.ended'));
  });

  it.each([
    ['the same session twice', [1, 1], '/sessions'],
    ['more than 64 sessions', Array.from({ length: 65 }, (_, i) => i + 1), '/sessions'],
    ['a session id that is not a number', ['1'], '/sessions/0'],
  ])('refuses a hello listing %s like any bad hello and changes nothing', async (_name, sessions, path) => {
    const { user, vps, gone, kept, goneViewer } = await offlineWithTwoSessions();
    const ws = await openSocket('http://localhost/ws/gateway', { Authorization: `Bearer ${vps.credential}` });
    if (ws instanceof Response) throw new Error(`refused ${ws.status}`);
    const bad = new FakeGateway(ws, vps.gatewayId);
    bad.inbox.send(
      JSON.stringify({ ...message('gateway.hello', { gateway_id: vps.gatewayId, version: '1.0.0' }), sessions }),
    );
    expect(await bad.inbox.nextMessage('error')).toMatchObject({ code: 'protocol.schema', path });
    expect((await bad.inbox.closed).code).toBe(4001);
    const hub = env.GATEWAY_HUB.get(env.GATEWAY_HUB.idFromName(vps.gatewayId));
    expect((await hub.status()).online).toBe(false);
    await goneViewer.expectNothing((f) => isText('session.ended')(f) || isText('gateway.online')(f));
    expect(await listed(user.cookie, vps.vpsId)).toEqual([gone.number, kept.number]);
  });
});
