/**
 * Core's `SessionControl.create` and `list` for the channels (a chat's /new and /sessions): the same path as
 * `POST /api/vps/:id/sessions` (ownership, the gateway online, the live limit, the gateway's refusal, a failed create
 * leaving nothing), with errors as values; bad input is refused before anything is reserved.
 */
import { env } from 'cloudflare:workers';
import { MAX_SESSIONS, message } from '@vibecode/schemas';
import { createLogger } from '@vibecode/schemas/log';
import { describe, expect, it } from 'vitest';
import { channelPorts } from '../../src/notify/channel-ports.ts';
import type { NewSessionRequest } from '../../src/sessions/session-control.ts';
import { signIn } from '../helpers/auth.ts';
import { createVpsWithGateway, insertVps } from '../helpers/fixtures.ts';
import { connectGateway } from '../helpers/gateway-socket.ts';
import { api, createSession } from './subscriber.ts';

const control = () =>
  channelPorts(
    env,
    createLogger({}, () => undefined),
  ).sessions;
const sessionCount = async (vpsId: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM sessions WHERE vps_id = ?').bind(vpsId).first<{ n: number }>())?.n;

async function onlineVps() {
  const user = await signIn();
  const vps = await createVpsWithGateway(user.userId);
  const gateway = await connectGateway(vps.credential, vps.gatewayId);
  return { user, vps, gateway };
}

describe('SessionControl.create', () => {
  it('starts a session on the gateway as the web does, and the web lists it', async () => {
    const { user, vps, gateway } = await onlineVps();
    const created = await control().create(user.userId, vps.vpsId, { title: '  Fix the tests ', agentType: 'shell' });
    expect(created).toEqual({
      ok: true,
      value: {
        userId: user.userId,
        vpsId: vps.vpsId,
        vpsName: 'dev-box',
        sessionId: expect.any(String),
        sessionNumber: 1,
        title: 'Fix the tests',
        agentType: 'shell',
        status: 'running',
      },
    });
    const [create] = gateway.inbox.messages('session.create');
    expect(create).toMatchObject({ type: 'session.create', session_id: 1, agent_type: 'shell' });
    const listed = (await (await api(`/api/vps/${vps.vpsId}/sessions`, user.cookie)).json()) as {
      sessions: { id: string; title: string }[];
    };
    expect(listed.sessions.map((s) => s.title)).toEqual(['Fix the tests']);
  });

  it('answers the route’s error codes: someone else’s VPS, gateway offline, the limit, the agent missing', async () => {
    const { user, vps, gateway } = await onlineVps();
    const stranger = await signIn();
    const shell: NewSessionRequest = { title: 'x', agentType: 'shell' };
    expect(await control().create(stranger.userId, vps.vpsId, shell)).toEqual({
      ok: false,
      error: { code: 'vps.not_found', message: 'no such VPS' },
    });
    expect(await control().create(user.userId, 'no-such-vps', shell)).toMatchObject({
      ok: false,
      error: { code: 'vps.not_found' },
    });

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
    expect(await control().create(user.userId, vps.vpsId, { title: 'x', agentType: 'claude' })).toEqual({
      ok: false,
      error: { code: 'session.agent_missing', message: 'claude is not installed' },
    });
    expect(await sessionCount(vps.vpsId)).toBe(0);
    gateway.override = null;

    for (let i = 0; i < MAX_SESSIONS; i++)
      expect((await control().create(user.userId, vps.vpsId, shell)).ok).toBe(true);
    expect(await control().create(user.userId, vps.vpsId, shell)).toMatchObject({
      ok: false,
      error: { code: 'session.limit' },
    });

    const { vpsId: unreachable } = await insertVps(user.userId, 'no-gateway');
    expect(await control().create(user.userId, unreachable, shell)).toMatchObject({
      ok: false,
      error: { code: 'gateway.offline' },
    });
  });

  it('refuses a bad title or agent before reserving anything', async () => {
    const { user, vps, gateway } = await onlineVps();
    for (const request of [
      { title: '', agentType: 'shell' },
      { title: '   ', agentType: 'shell' },
      { title: 'a'.repeat(101), agentType: 'shell' },
      { title: 'bell\u0007', agentType: 'shell' },
      { title: 'ok', agentType: 'emacs' },
    ]) {
      expect(await control().create(user.userId, vps.vpsId, request as NewSessionRequest)).toMatchObject({
        ok: false,
        error: { code: 'http.invalid_body' },
      });
    }
    expect(await sessionCount(vps.vpsId)).toBe(0);
    expect(gateway.inbox.messages('session.create')).toEqual([]);
  });
});

describe('SessionControl.list', () => {
  it('lists the user’s open sessions on all their VPSs, none of anyone else’s', async () => {
    const { user, vps } = await onlineVps();
    const first = await createSession(user.cookie, vps.vpsId, 'first');
    await createSession(user.cookie, vps.vpsId, 'second');
    expect((await api(`/api/sessions/${first.id}`, user.cookie, { method: 'DELETE' })).status).toBe(200);
    const other = await onlineVps();
    await createSession(other.user.cookie, other.vps.vpsId, 'theirs');

    const listed = await control().list(user.userId);
    expect(listed.map((s) => [s.vpsName, s.title, s.status])).toEqual([['dev-box', 'second', 'running']]);
    expect(await control().list('no-such-user')).toEqual([]);
  });
});
