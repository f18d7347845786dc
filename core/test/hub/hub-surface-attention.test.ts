/**
 * The attention feed on channel surfaces (issue 17): the real hub with recording surfaces (`recording-surfaces.ts`).
 * A recorded state that wants its person is told to the session's surfaces once (never one that someone watched
 * arrive, nor the open question again when its screen flickers); a channel's retry tells it later, the newest item.
 * An answer through the channels' `SessionControl` (or the web's route), a viewer opening the session, the agent going
 * on without an answer and the session's end clear it there. `SessionControl.answer` and `continueAtReset` keep the
 * web's rules and codes.
 */
import { env } from 'cloudflare:workers';
import { message, type ProtocolMessage } from '@vibecode/schemas';
import { createLogger } from '@vibecode/schemas/log';
import { describe, expect, it } from 'vitest';
import { channelPorts } from '../../src/notify/channel-ports.ts';
import { signIn } from '../helpers/auth.ts';
import { eventually, type FakeGateway } from '../helpers/gateway-socket.ts';
import { binding, shownSession } from './recording-surfaces.ts';
import { api, connectSubscriber } from './subscriber.ts';

const SLOW = 10_000;
const FINGERPRINT = '0123456789abcdef';
const control = () =>
  channelPorts(
    env,
    createLogger({}, () => undefined),
  ).sessions;

function asks(gateway: FakeGateway, number: number): void {
  gateway.send(
    message('session.state', {
      session_id: number,
      state: 'needs_input',
      detail: 'Do you want to continue? [Y/n]',
      prompt_fingerprint: FINGERPRINT,
      choices: [
        { key: 'y', label: 'Yes' },
        { key: 'n', label: 'No' },
      ],
    }),
  );
}

/** The fake gateway answers `session.answer` as the real one does: typed, or the prompt changed. */
function answers(gateway: FakeGateway, outcome: 'typed' | 'changed'): void {
  gateway.override = (msg: ProtocolMessage) => {
    if (msg.type !== 'session.answer') return false;
    const { session_id, ref } = msg;
    const error = { code: 'session.prompt_changed' as const, message: 'the screen no longer shows that prompt' };
    gateway.send(
      outcome === 'typed'
        ? message('session.answered', { session_id, ref })
        : message('session.error', { session_id, error, ref }),
    );
    return true;
  };
}

const feed = async (cookie: string) =>
  ((await (await api('/api/attention', cookie)).json()) as { items: { session_id: string }[] }).items;

describe('attention on channel surfaces', () => {
  it('tells a question to the session’s surface once, with its choices and fingerprint', async () => {
    const { gateway, session, renders, attention, cleared } = await shownSession();
    await eventually(() => expect(renders).toHaveLength(1), SLOW);
    asks(gateway, session.number);
    await eventually(() => expect(attention).toHaveLength(1), SLOW);
    expect(attention[0]).toEqual({
      bound: { binding, session: expect.objectContaining({ sessionId: session.id }) },
      item: {
        state: 'needs_input',
        detail: 'Do you want to continue? [Y/n]',
        choices: [
          { key: 'y', label: 'Yes' },
          { key: 'n', label: 'No' },
        ],
        promptFingerprint: FINGERPRINT,
        resetsAt: null,
        continueAtReset: false,
      },
    });
    // A state that wants nobody is not told: it only takes the told question back.
    gateway.send(message('session.state', { session_id: session.number, state: 'working' }));
    await eventually(() => expect(cleared.map((c) => c.how)).toEqual(['moved_on']), SLOW);
    expect(attention).toHaveLength(1);
  });

  it('tells nothing of a state someone watched arrive, and clears a told one when a viewer opens the session', async () => {
    const { user, gateway, session, renders, attention, cleared } = await shownSession();
    await eventually(() => expect(renders).toHaveLength(1), SLOW);
    gateway.send(message('session.state', { session_id: session.number, state: 'done' }));
    await eventually(() => expect(attention.map((a) => a.item.state)).toEqual(['done']), SLOW);
    const viewer = await connectSubscriber(user.cookie, session.id);
    viewer.send(message('session.attach', { session_id: session.number, ref: 'open' }));
    await viewer.nextMessage('session.snapshot');
    await eventually(() => expect(cleared.map((c) => c.how)).toEqual(['seen']), SLOW);
    asks(gateway, session.number);
    await viewer.nextMessage('session.state');
    // Opened again with nothing told since: nothing to clear.
    viewer.send(message('session.attach', { session_id: session.number, ref: 'again' }));
    await viewer.nextMessage('session.snapshot');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(attention).toHaveLength(1);
    expect(cleared).toHaveLength(1);
  });

  it('tells the open question once however its screen flickers, and again once it was answered', async () => {
    const { user, gateway, session, renders, attention, cleared } = await shownSession();
    await eventually(() => expect(renders).toHaveLength(1), SLOW);
    asks(gateway, session.number);
    gateway.send(message('session.state', { session_id: session.number, state: 'working' }));
    asks(gateway, session.number);
    await eventually(() => expect(attention).toHaveLength(1), SLOW);
    answers(gateway, 'typed');
    const reply = { prompt_fingerprint: FINGERPRINT, choice: 'y' };
    expect(await control().answer(user.userId, session.id, reply)).toEqual({ ok: true, value: null });
    await eventually(() => expect(cleared).toHaveLength(1), SLOW);
    asks(gateway, session.number);
    await eventually(() => expect(attention).toHaveLength(2), SLOW);
  });

  it('takes a told question back when the agent goes on without an answer, and says the session ended over an open one', async () => {
    const { user, gateway, session, renders, attention, cleared, ended } = await shownSession();
    await eventually(() => expect(renders).toHaveLength(1), SLOW);
    asks(gateway, session.number);
    await eventually(() => expect(attention).toHaveLength(1), SLOW);
    gateway.send(message('session.state', { session_id: session.number, state: 'working' }));
    await eventually(() => expect(cleared.map((c) => c.how)).toEqual(['moved_on']), SLOW);
    asks(gateway, session.number);
    await eventually(() => expect(attention).toHaveLength(2), SLOW);
    const res = await api(`/api/sessions/${session.id}`, user.cookie, { method: 'DELETE' });
    expect(res.status).toBe(200);
    await eventually(() => expect(ended).toHaveLength(1), SLOW);
    expect(cleared.map((c) => c.how)).toEqual(['moved_on', 'ended']);
  });

  it('tells a question again after a channel’s retry', async () => {
    const { gateway, session, renders, attention, outcomes } = await shownSession();
    await eventually(() => expect(renders).toHaveLength(1), SLOW);
    outcomes.push({ kind: 'retry', afterMs: 2_000 });
    const askedAt = Date.now();
    asks(gateway, session.number);
    await eventually(() => expect(attention).toHaveLength(2), SLOW);
    expect(Date.now() - askedAt).toBeGreaterThanOrEqual(2_000);
    expect(attention[1]?.item.promptFingerprint).toBe(FINGERPRINT);
  });

  it('answers through SessionControl as the web does, and clears the item in the feed and on the surfaces', async () => {
    const { user, gateway, session, renders, attention, cleared } = await shownSession();
    await eventually(() => expect(renders).toHaveLength(1), SLOW);
    asks(gateway, session.number);
    await eventually(() => expect(attention).toHaveLength(1), SLOW);
    const sessions = control();

    answers(gateway, 'changed');
    expect(await sessions.answer(user.userId, session.id, { prompt_fingerprint: FINGERPRINT, choice: 'y' })).toEqual({
      ok: false,
      error: { code: 'session.prompt_changed', message: 'the screen no longer shows that prompt' },
    });
    expect(await feed(user.cookie)).toHaveLength(1);

    answers(gateway, 'typed');
    expect(await sessions.answer(user.userId, session.id, { prompt_fingerprint: FINGERPRINT, choice: 'y' })).toEqual({
      ok: true,
      value: null,
    });
    expect(await gateway.inbox.nextMessage('session.answer')).toMatchObject({ choice: 'y' });
    expect(await feed(user.cookie)).toEqual([]);
    await eventually(() => expect(cleared.map((c) => c.how)).toEqual(['answered']), SLOW);
  });

  it('refuses a bad answer, someone else’s session and one not running by the web’s codes', async () => {
    const { user, session } = await shownSession();
    const sessions = control();
    const bad = [
      { prompt_fingerprint: 'not-a-fingerprint', choice: 'y' },
      { prompt_fingerprint: FINGERPRINT, choice: 'y\r' },
      { prompt_fingerprint: FINGERPRINT, text: '' },
      { prompt_fingerprint: FINGERPRINT, choice: 'y', text: 'yes' },
    ];
    for (const reply of bad) {
      const result = await sessions.answer(user.userId, session.id, reply as never);
      expect(result, JSON.stringify(reply)).toMatchObject({ ok: false, error: { code: 'http.invalid_body' } });
    }
    const ok = { prompt_fingerprint: FINGERPRINT, choice: 'y' };
    const stranger = await signIn();
    expect(await sessions.answer(stranger.userId, session.id, ok)).toMatchObject({
      ok: false,
      error: { code: 'session.not_found' },
    });
    expect(await sessions.continueAtReset(stranger.userId, session.id, true)).toMatchObject({
      ok: false,
      error: { code: 'session.not_found' },
    });
    expect(await sessions.end(user.userId, session.id)).toEqual({ ok: true, value: null });
    expect(await sessions.answer(user.userId, session.id, ok)).toMatchObject({
      ok: false,
      error: { code: 'session.not_running' },
    });
    expect(await sessions.continueAtReset(user.userId, session.id, true)).toMatchObject({
      ok: false,
      error: { code: 'session.not_running' },
    });
  });

  it('sets continue-at-reset through SessionControl: when it will run, and null once switched off', async () => {
    const { user, gateway, session, attention } = await shownSession();
    const resetsAt = Math.floor(Date.now() / 1000) * 1000 + 3_600_000;
    gateway.send(
      message('session.state', {
        session_id: session.number,
        state: 'limited',
        detail: 'Usage limit reached',
        resets_at: new Date(resetsAt).toISOString(),
      }),
    );
    await eventually(() => expect(attention.map((a) => a.item.resetsAt)).toEqual([resetsAt]), SLOW);
    expect(attention[0]?.item).toMatchObject({ state: 'limited', continueAtReset: false });
    const sessions = control();
    expect(await sessions.continueAtReset(user.userId, session.id, true)).toEqual({
      ok: true,
      value: resetsAt + 60_000,
    });
    expect(await sessions.continueAtReset(user.userId, session.id, false)).toEqual({ ok: true, value: null });
  });
});
