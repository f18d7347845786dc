/**
 * The attention feed (issue 17): a gateway's `session.state` is recorded on the session and reaches its viewers;
 * `GET /api/attention` lists the states that want their person until they open the session or answer it;
 * `POST /api/sessions/:id/answer` goes to the gateway as `session.answer` and comes back 202, or 409
 * `session.prompt_changed` when the gateway finds another prompt on screen. Every bad input is refused by name.
 */
import { env } from 'cloudflare:workers';
import { message, type ProtocolMessage } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers/auth.ts';
import { eventually, type FakeGateway, type Frame } from '../helpers/gateway-socket.ts';
import { api, connectSubscriber, errorOf, sessionOnGateway } from './subscriber.ts';

const FINGERPRINT = '0123456789abcdef';
const stateOf = async (id: string) =>
  (await env.DB.prepare('SELECT agent_state AS state FROM sessions WHERE id = ?').bind(id).first<{ state: string }>())
    ?.state;
const isText = (type: string) => (f: Frame) => f.kind === 'text' && f.msg.type === type;

type Item = { session_id: string; vps_id: string; state: string; detail: string; since: string } & Record<
  string,
  unknown
>;
const attention = async (cookie: string): Promise<Item[]> => {
  const res = await api('/api/attention', cookie);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Item[] }).items;
};
const answer = (cookie: string, id: string, json: unknown, init: { origin?: string } = {}) =>
  api(`/api/sessions/${id}/answer`, cookie, {
    method: 'POST',
    json,
    ...(init.origin ? { headers: { origin: init.origin } } : {}),
  });

function asks(gateway: FakeGateway, number: number): void {
  gateway.send(
    message('session.state', {
      session_id: number,
      state: 'needs_input',
      detail: 'Bash command\nrm -rf build\nDo you want to proceed?',
      prompt_fingerprint: FINGERPRINT,
      choices: [
        { key: '1', label: 'Yes' },
        { key: '2', label: 'No' },
      ],
    }),
  );
}

/** The fake gateway answers `session.answer` as the real one does, by `reply`. */
function answersWith(
  gateway: FakeGateway,
  reply: (msg: Extract<ProtocolMessage, { type: 'session.answer' }>) => ProtocolMessage,
) {
  gateway.override = (msg: ProtocolMessage) => {
    if (msg.type !== 'session.answer') return false;
    gateway.send(reply(msg));
    return true;
  };
}

describe('the attention feed', () => {
  it("lists a session whose agent asks, with its question and choices, and sends the state to the session's viewers", async () => {
    const { user, vps, gateway, session } = await setupUnwatched();
    asks(gateway, session.number);
    await eventually(async () => expect(await attention(user.cookie)).toHaveLength(1));
    const [item] = await attention(user.cookie);
    expect(item).toEqual({
      session_id: session.id,
      vps_id: vps.vpsId,
      state: 'needs_input',
      detail: 'Bash command\nrm -rf build\nDo you want to proceed?',
      choices: [
        { key: '1', label: 'Yes' },
        { key: '2', label: 'No' },
      ],
      prompt_fingerprint: FINGERPRINT,
      since: expect.any(String),
    });
    // Another user sees nothing of it.
    expect(await attention((await signIn()).cookie)).toEqual([]);

    const viewer = await connectSubscriber(user.cookie, session.id);
    gateway.send(message('session.state', { session_id: session.number, state: 'working' }));
    expect(await viewer.nextMessage('session.state')).toMatchObject({ state: 'working' });
  });

  it('lists a limit with its reset and finished work, not a working agent, and clears an item when its session is opened', async () => {
    const { user, gateway, session } = await setupUnwatched();
    gateway.send(
      message('session.state', {
        session_id: session.number,
        state: 'limited',
        detail: 'Claude usage limit reached. Your limit will reset at 3pm (Europe/Berlin).',
        resets_at: '2026-12-06T14:00:00Z',
      }),
    );
    await eventually(async () =>
      expect(await attention(user.cookie)).toMatchObject([{ state: 'limited', resets_at: '2026-12-06T14:00:00.000Z' }]),
    );
    // The end after a limit or a question follows the person's own doing: nothing new to tell.
    gateway.send(message('session.state', { session_id: session.number, state: 'done' }));
    await eventually(async () => expect(await stateOf(session.id)).toBe('done'));
    expect(await attention(user.cookie)).toEqual([]);
    gateway.send(message('session.state', { session_id: session.number, state: 'working' }));
    await eventually(async () => expect(await attention(user.cookie)).toEqual([]));
    // A quick command's end (less than SESSION_QUIET_SECONDS of work, 2 s here) wants nobody; long work's does. The
    // work is set on the row itself: states sent back to back may be recorded in either order.
    const working = (since: number) =>
      env.DB.prepare("UPDATE sessions SET agent_state = 'working', agent_state_at = ? WHERE id = ?")
        .bind(since, session.id)
        .run();
    await working(Date.now());
    gateway.send(message('session.state', { session_id: session.number, state: 'done' }));
    await eventually(async () => expect(await stateOf(session.id)).toBe('done'));
    expect(await attention(user.cookie)).toEqual([]);
    await working(Date.now() - 60_000);
    gateway.send(message('session.state', { session_id: session.number, state: 'done' }));
    await eventually(async () =>
      expect(await attention(user.cookie)).toMatchObject([{ state: 'done', detail: 'Finished, and waiting for you' }]),
    );

    const viewer = await connectSubscriber(user.cookie, session.id);
    viewer.send(message('session.attach', { session_id: session.number, ref: 'open' }));
    await viewer.nextMessage('session.snapshot');
    await eventually(async () => expect(await attention(user.cookie)).toEqual([]));
    // A state that comes while someone watches starts seen.
    asks(gateway, session.number);
    await viewer.nextMessage('session.state');
    expect(await attention(user.cookie)).toEqual([]);
  });
});

describe('the record of states', () => {
  it('keeps the newest state of a burst, whatever order the hub takes them in, and tells viewers only what it kept', async () => {
    const { user, gateway, session } = await setupUnwatched();
    const viewer = await connectSubscriber(user.cookie, session.id);
    let seq = Date.now();
    const send = (state: 'working' | 'needs_input' | 'done', detail: string) =>
      gateway.send(message('session.state', { session_id: session.number, state, detail, seq: ++seq }));
    for (const last of ['done', 'working', 'done', 'working'] as const) {
      // A hook's working and the screen's question come milliseconds apart; so can the next state.
      send('working', 'first');
      send('needs_input', 'Do you want to proceed?');
      const label = `last-${crypto.randomUUID()}`;
      send(last, label);
      await eventually(async () => {
        const row = await env.DB.prepare(
          'SELECT agent_state AS state, agent_detail AS detail FROM sessions WHERE id = ?',
        )
          .bind(session.id)
          .first<{ state: string; detail: string | null }>();
        expect(row).toEqual({ state: last, detail: label });
      });
      await eventually(() => expect(viewer.messages('session.state').at(-1)?.detail).toBe(label));
    }
    const told = viewer.messages('session.state').map((m) => m.seq ?? 0);
    expect(told).toEqual([...told].sort((a, b) => a - b));
  });
});

describe('POST /api/sessions/:id/answer', () => {
  it('sends session.answer to the gateway and answers 202 once it typed it; the item is cleared', async () => {
    const { user, gateway, session } = await setupUnwatched();
    asks(gateway, session.number);
    await eventually(async () => expect(await attention(user.cookie)).toHaveLength(1));
    answersWith(gateway, (msg) => message('session.answered', { session_id: msg.session_id, ref: msg.ref }));
    const res = await answer(user.cookie, session.id, { prompt_fingerprint: FINGERPRINT, choice: '1' });
    expect(res.status, await res.clone().text()).toBe(202);
    expect(await res.json()).toEqual({ answered: true });
    expect(await gateway.inbox.nextMessage('session.answer')).toMatchObject({
      session_id: session.number,
      prompt_fingerprint: FINGERPRINT,
      choice: '1',
    });
    expect(await attention(user.cookie)).toEqual([]);

    const typed = await answer(user.cookie, session.id, { prompt_fingerprint: FINGERPRINT, text: 'use rm -r instead' });
    expect(typed.status).toBe(202);
    expect((await gateway.inbox.nextMessage('session.answer')).text).toBe('use rm -r instead');
  });

  it('answers 409 session.prompt_changed when the gateway finds another prompt on screen', async () => {
    const { user, gateway, session } = await setupUnwatched();
    asks(gateway, session.number);
    await eventually(async () => expect(await attention(user.cookie)).toHaveLength(1));
    answersWith(gateway, (msg) =>
      message('session.error', {
        session_id: msg.session_id,
        error: { code: 'session.prompt_changed', message: 'the screen no longer shows that prompt; nothing was typed' },
        ref: msg.ref,
      }),
    );
    expect(
      await errorOf(await answer(user.cookie, session.id, { prompt_fingerprint: FINGERPRINT, choice: '1' })),
    ).toEqual({
      status: 409,
      code: 'session.prompt_changed',
    });
    // Still waiting for its person.
    expect(await attention(user.cookie)).toHaveLength(1);
  });

  it('refuses bad bodies, someone else’s session, another origin and a session not running, sending nothing', async () => {
    const { user, gateway, session } = await setupUnwatched();
    const bad = [
      {},
      { prompt_fingerprint: FINGERPRINT },
      { prompt_fingerprint: FINGERPRINT, choice: '1', text: 'yes' },
      { prompt_fingerprint: 'not-a-fingerprint', choice: '1' },
      { prompt_fingerprint: FINGERPRINT, choice: '1\r' },
      { prompt_fingerprint: FINGERPRINT, text: '' },
      { prompt_fingerprint: FINGERPRINT, choice: '1', extra: true },
    ];
    for (const json of bad) {
      expect(await errorOf(await answer(user.cookie, session.id, json)), JSON.stringify(json)).toEqual({
        status: 400,
        code: 'http.invalid_body',
      });
    }
    const raw = (body: string, type: string) =>
      api(`/api/sessions/${session.id}/answer`, user.cookie, {
        method: 'POST',
        body,
        headers: { 'content-type': type },
      });
    expect(await errorOf(await raw('{', 'application/json'))).toEqual({ status: 400, code: 'http.invalid_json' });
    expect(await errorOf(await raw('choice=1', 'application/x-www-form-urlencoded'))).toEqual({
      status: 415,
      code: 'http.unsupported_media_type',
    });
    const ok = { prompt_fingerprint: FINGERPRINT, choice: '1' };
    expect(await errorOf(await answer((await signIn()).cookie, session.id, ok))).toEqual({
      status: 404,
      code: 'session.not_found',
    });
    expect((await answer(user.cookie, session.id, ok, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await api(`/api/sessions/${session.id}`, user.cookie, { method: 'DELETE' })).status).toBe(200);
    expect(await errorOf(await answer(user.cookie, session.id, ok))).toEqual({
      status: 409,
      code: 'session.not_running',
    });
    await gateway.inbox.expectNothing(isText('session.answer'));
  });
});

/** A session with its gateway connected and nobody viewing it. */
const setupUnwatched = () => sessionOnGateway('agent');
