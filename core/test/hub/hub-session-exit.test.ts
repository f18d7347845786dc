/**
 * Sessions outlive their program: a gateway's `session.exited` makes the row `exited` (with the status and the
 * last lines) and reaches the viewers, who stay attached; new viewers may still attach. Restart runs it again in
 * place (exited) or creates it again (stopped: lost with its tmux server); End ends any session that has not ended,
 * a stopped one without asking the gateway.
 */
import { env } from 'cloudflare:workers';
import { message, type ProtocolMessage } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { ORIGIN, signIn } from '../helpers/auth.ts';
import { connectGateway, type FakeGateway, type Frame, openSocket } from '../helpers/gateway-socket.ts';
import { api, connectSubscriber, createSession, errorOf, type SessionJson, sessionOnGateway } from './subscriber.ts';

type Listed = SessionJson & {
  exit: { code: number | null; signal: string | null; lines: string[]; at: string } | null;
};

const setup = () => sessionOnGateway('agent');

const listed = async (cookie: string, vpsId: string) =>
  ((await (await api(`/api/vps/${vpsId}/sessions`, cookie)).json()) as { sessions: Listed[] }).sessions;
const row = (id: string) =>
  env.DB.prepare('SELECT status, exit_code, exit_lines, ended_at FROM sessions WHERE id = ?')
    .bind(id)
    .first<{ status: string; exit_code: number | null; exit_lines: string | null; ended_at: number | null }>();
const restart = (cookie: string, id: string, init: { origin?: string } = {}) =>
  api(`/api/sessions/${id}/restart`, cookie, {
    method: 'POST',
    ...(init.origin ? { headers: { origin: init.origin } } : {}),
  });
const isText = (type: string) => (f: Frame) => f.kind === 'text' && f.msg.type === type;

/** The fake gateway answers `session.restart` as the real one does: started with the ref. */
function answersRestart(gateway: FakeGateway): void {
  gateway.override = (msg: ProtocolMessage) => {
    if (msg.type !== 'session.restart') return false;
    gateway.send(message('session.started', { session_id: msg.session_id, ref: msg.ref }));
    return true;
  };
}

async function exitedSession() {
  const ctx = await setup();
  const viewer = await connectSubscriber(ctx.user.cookie, ctx.session.id);
  ctx.gateway.send(
    message('session.exited', {
      session_id: ctx.session.number,
      code: 3,
      signal: null,
      lines: ['Error: not logged in', 'vibe: press Restart'],
    }),
  );
  await viewer.nextMessage('session.exited');
  return { ...ctx, viewer };
}

describe('a session whose program exits', () => {
  it('is exited in D1 and the list with its code and last lines, and its viewers stay attached', async () => {
    const { user, vps, session, viewer, gateway } = await exitedSession();
    expect(await row(session.id)).toMatchObject({ status: 'exited', exit_code: 3, ended_at: null });
    const [s] = await listed(user.cookie, vps.vpsId);
    expect(s).toMatchObject({
      status: 'exited',
      exit: { code: 3, signal: null, lines: ['Error: not logged in', 'vibe: press Restart'], at: expect.any(String) },
    });
    // Still attached: output (the dead pane's redraw) still reaches it, and a new viewer can attach for the screen.
    gateway.output(session.number, new TextEncoder().encode('exited (code 3)'));
    await viewer.nextBinary();
    const late = await connectSubscriber(user.cookie, session.id);
    late.send(message('session.attach', { session_id: session.number, ref: 'x' }));
    expect((await late.nextMessage('session.snapshot')).text).toBe(`screen of ${session.number}`);
  });

  it('restarts in place on POST /restart: session.restart to the gateway, running again for viewers and the list', async () => {
    const { user, vps, session, viewer, gateway } = await exitedSession();
    answersRestart(gateway);
    const res = await restart(user.cookie, session.id);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { session: Listed }).session).toMatchObject({ status: 'running', exit: null });
    expect(await gateway.inbox.nextMessage('session.restart')).toMatchObject({ session_id: session.number });
    expect(gateway.inbox.messages('session.create')).toHaveLength(1);
    await viewer.nextMessage('session.started');
    expect((await listed(user.cookie, vps.vpsId))[0]).toMatchObject({ status: 'running', exit: null });
    expect(await row(session.id)).toMatchObject({ status: 'running', exit_code: null, exit_lines: null });
  });

  it('answers a gateway that cannot restart it with its error and leaves it exited', async () => {
    const { user, session, gateway } = await exitedSession();
    gateway.override = (msg) => {
      if (msg.type !== 'session.restart') return false;
      gateway.send(
        message('session.error', {
          session_id: msg.session_id,
          error: { code: 'session.restart_failed', message: 'tmux respawn-pane failed' },
          ref: msg.ref,
        }),
      );
      return true;
    };
    expect((await errorOf(await restart(user.cookie, session.id))).code).toBe('session.restart_failed');
    expect(await row(session.id)).toMatchObject({ status: 'exited', exit_code: 3 });
  });

  it('refuses to restart a running or ended session, someone else’s, an unknown id, or from another origin', async () => {
    const { user, session, gateway } = await setup();
    expect(await errorOf(await restart(user.cookie, session.id))).toEqual({ status: 409, code: 'session.not_exited' });
    const stranger = await signIn();
    expect(await errorOf(await restart(stranger.cookie, session.id))).toEqual({
      status: 404,
      code: 'session.not_found',
    });
    expect(await errorOf(await restart(user.cookie, 'no-such-session'))).toEqual({
      status: 404,
      code: 'session.not_found',
    });
    expect((await restart(user.cookie, session.id, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await api(`/api/sessions/${session.id}`, user.cookie, { method: 'DELETE' })).status).toBe(200);
    expect(await errorOf(await restart(user.cookie, session.id))).toEqual({ status: 409, code: 'session.ended' });
    await gateway.inbox.expectNothing(isText('session.restart'));
  });

  it('refuses a malformed session.exited from the gateway and changes nothing', async () => {
    const { user, vps, session, gateway } = await setup();
    gateway.ws.send(
      JSON.stringify({
        ...message('session.exited', { session_id: session.number, code: 1, signal: null, lines: [] }),
        lines: Array.from({ length: 21 }, () => 'x'),
      }),
    );
    expect(await gateway.inbox.nextMessage('error')).toMatchObject({ code: 'protocol.schema', path: '/lines' });
    expect((await listed(user.cookie, vps.vpsId))[0]).toMatchObject({ status: 'running', exit: null });
  });
});

describe('a session stopped with its server', () => {
  async function stoppedSession() {
    const ctx = await setup();
    ctx.gateway.close();
    const back = await connectGateway(ctx.vps.credential, ctx.vps.gatewayId, { sessions: [] });
    return { ...ctx, gateway: back };
  }

  it('is listed as stopped, cannot be viewed, and restarts by being created again with the same number and workdir', async () => {
    const { user, vps, session, gateway } = await stoppedSession();
    expect((await listed(user.cookie, vps.vpsId))[0]).toMatchObject({ status: 'stopped', exit: null });
    const refused = await openSocket(`${ORIGIN}/ws/sessions/${session.id}`, { cookie: user.cookie, origin: ORIGIN });
    expect(refused instanceof Response && (await errorOf(refused))).toEqual({ status: 409, code: 'session.stopped' });

    const res = await restart(user.cookie, session.id);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { session: Listed }).session).toMatchObject({ id: session.id, status: 'running' });
    expect(await gateway.inbox.nextMessage('session.create')).toMatchObject({
      session_id: session.number,
      tmux_name: session.tmux_name,
      workdir: session.workdir,
      agent_type: 'shell',
    });
    expect((await listed(user.cookie, vps.vpsId)).map((s) => [s.id, s.status])).toEqual([[session.id, 'running']]);
  });

  it('ends on DELETE without asking the gateway', async () => {
    const { user, vps, session, gateway } = await stoppedSession();
    const res = await api(`/api/sessions/${session.id}`, user.cookie, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { session: Listed }).session.status).toBe('ended');
    expect(await listed(user.cookie, vps.vpsId)).toEqual([]);
    await gateway.inbox.expectNothing(isText('session.end'));
  });

  it('counts towards the session limit, so restarting it never exceeds what the gateway runs', async () => {
    const { user, vps } = await stoppedSession();
    for (let i = 0; i < 4; i++) await createSession(user.cookie, vps.vpsId, `s${i}`);
    const res = await api(`/api/vps/${vps.vpsId}/sessions`, user.cookie, {
      method: 'POST',
      json: { title: 'one too many', agent_type: 'shell' },
    });
    expect(await errorOf(res)).toEqual({ status: 409, code: 'session.limit' });
  });
});
