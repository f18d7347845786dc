/**
 * Usage-limit continuity (issue 17 item 4): `POST /api/sessions/:id/continue-at-reset` records the person's choice and
 * the hub schedules it; a minute after the limit's reset the hub types the agent's continue into the session, only
 * if it is still limited then, and once. Reset times in the past make the hub's alarm due at once, so the tests wait
 * for states, not for the clock.
 */
import { message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers/auth.ts';
import { eventually, type FakeGateway, type Frame } from '../helpers/gateway-socket.ts';
import { api, errorOf, sessionOnGateway } from './subscriber.ts';

const isContinue = (f: Frame) => f.kind === 'text' && f.msg.type === 'session.input' && f.msg.data === 'continue\r';
const choose = (cookie: string, id: string, json: unknown, init: { origin?: string } = {}) =>
  api(`/api/sessions/${id}/continue-at-reset`, cookie, {
    method: 'POST',
    json,
    ...(init.origin ? { headers: { origin: init.origin } } : {}),
  });
const items = async (cookie: string) =>
  ((await (await api('/api/attention', cookie)).json()) as { items: Record<string, unknown>[] }).items;

function limited(gateway: FakeGateway, number: number, resetsAt: Date): void {
  gateway.send(
    message('session.state', {
      session_id: number,
      state: 'limited',
      detail: 'Claude usage limit reached. Your limit will reset at 3pm.',
      resets_at: resetsAt.toISOString(),
    }),
  );
}

describe('continue at reset', () => {
  it('types the continue once the limit has reset, then forgets the choice', async () => {
    const { user, gateway, session } = await sessionOnGateway('agent');
    limited(gateway, session.number, new Date(Date.now() - 5 * 60_000));
    await eventually(async () => expect(await items(user.cookie)).toMatchObject([{ continue_at_reset: false }]));
    const res = await choose(user.cookie, session.id, { enabled: true });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ continue_at_reset: true, continues_at: expect.any(String) });
    expect((await gateway.inbox.next(isContinue)).kind).toBe('text');
    await eventually(async () => expect(await items(user.cookie)).toMatchObject([{ continue_at_reset: false }]));
    await gateway.inbox.expectNothing(isContinue);
  });

  it('waits for a reset still to come, says when, and can be taken back', async () => {
    const { user, gateway, session } = await sessionOnGateway('agent');
    const resetsAt = new Date(Date.now() + 3_600_000);
    limited(gateway, session.number, resetsAt);
    await eventually(async () => expect(await items(user.cookie)).toHaveLength(1));
    const on = await (await choose(user.cookie, session.id, { enabled: true })).json();
    expect(on).toEqual({
      continue_at_reset: true,
      continues_at: new Date(resetsAt.getTime() + 60_000).toISOString(),
    });
    expect(await items(user.cookie)).toMatchObject([{ state: 'limited', continue_at_reset: true }]);
    expect(await (await choose(user.cookie, session.id, { enabled: false })).json()).toEqual({
      continue_at_reset: false,
      continues_at: null,
    });
    await gateway.inbox.expectNothing(isContinue);
  });

  it('continues a limit reported after the choice was made, and leaves an agent that moved on alone', async () => {
    const { user, gateway, session } = await sessionOnGateway('agent');
    gateway.send(message('session.state', { session_id: session.number, state: 'working' }));
    const early = await (await choose(user.cookie, session.id, { enabled: true })).json();
    expect(early).toEqual({ continue_at_reset: true, continues_at: null });
    await gateway.inbox.expectNothing(isContinue);
    limited(gateway, session.number, new Date(Date.now() - 5 * 60_000));
    await gateway.inbox.next(isContinue);

    const other = await sessionOnGateway('other agent');
    limited(other.gateway, other.session.number, new Date(Date.now() + 3_600_000));
    await eventually(async () => expect(await items(other.user.cookie)).toHaveLength(1));
    await choose(other.user.cookie, other.session.id, { enabled: true });
    other.gateway.send(message('session.state', { session_id: other.session.number, state: 'working' }));
    await eventually(async () => expect(await items(other.user.cookie)).toEqual([]));
    const now = await (await choose(other.user.cookie, other.session.id, { enabled: true })).json();
    expect(now).toEqual({ continue_at_reset: true, continues_at: null });
    await other.gateway.inbox.expectNothing(isContinue);
  });

  it('refuses a bad body, someone else’s session, another origin and a session not running', async () => {
    const { user, session } = await sessionOnGateway('agent');
    for (const json of [{}, { enabled: 'yes' }, { enabled: true, extra: 1 }]) {
      expect(await errorOf(await choose(user.cookie, session.id, json)), JSON.stringify(json)).toEqual({
        status: 400,
        code: 'http.invalid_body',
      });
    }
    expect(await errorOf(await choose((await signIn()).cookie, session.id, { enabled: true }))).toEqual({
      status: 404,
      code: 'session.not_found',
    });
    expect((await choose(user.cookie, session.id, { enabled: true }, { origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await api(`/api/sessions/${session.id}`, user.cookie, { method: 'DELETE' })).status).toBe(200);
    expect(await errorOf(await choose(user.cookie, session.id, { enabled: true }))).toEqual({
      status: 409,
      code: 'session.not_running',
    });
  });
});
