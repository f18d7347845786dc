/**
 * Sessions shown on channel surfaces (issue 15): the real hub, with a recording `SessionSurfaces` in place of the
 * channels (how Telegram renders is tested with the Bot API stand-in in telegram/ and test/telegram). A started
 * session is offered, its screen is captured (read-only) and rendered no more than once per interval, a channel's
 * retry defers the next render without losing the final screen, the quiet notice comes once after work that ran a
 * while stops (the echo of a quick command earns none: surface-plan.test.ts) unless the gateway reports its agent's
 * states (then their `done` says it, once), and ending the session tells the
 * surface. The channels' `SessionControl` is driven through core's ports.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { message } from '@vibecode/schemas';
import { createLogger } from '@vibecode/schemas/log';
import { describe, expect, it } from 'vitest';
import type { SurfaceEntry } from '../../src/hub/surface-plan.ts';
import { channelPorts } from '../../src/notify/channel-ports.ts';
import { signIn } from '../helpers/auth.ts';
import { connectGateway, eventually } from '../helpers/gateway-socket.ts';
import { binding, shownSession } from './recording-surfaces.ts';
import { api } from './subscriber.ts';

/** Renders are at least 1.5 s apart and the quiet period is 2 s (vitest.config.ts): waits allow for both. */
const SLOW = 10_000;

const text = (s: string) => new TextEncoder().encode(s);
/** What a channel drives a session with: core's `SessionControl`, as the Worker hands it to the bot. */
const chatControl = () =>
  channelPorts(
    env,
    createLogger({}, () => undefined),
  ).sessions;

describe('sessions on channel surfaces', () => {
  it('offers a started session, renders its captured screen and attaches from the screen’s seq', async () => {
    const { user, vps, gateway, session, opened, renders } = await shownSession();
    await eventually(() => expect(renders).toHaveLength(1), SLOW);
    expect(opened).toEqual([
      {
        userId: user.userId,
        vpsId: vps.vpsId,
        vpsName: expect.any(String),
        sessionId: session.id,
        sessionNumber: session.number,
        title: 'Fix the tests',
        agentType: 'shell',
      },
    ]);
    expect(renders[0]).toMatchObject({
      bound: { binding, session: { sessionId: session.id } },
      screen: { text: `screen of ${session.number} at 0`, cols: 80, rows: 24 },
      options: { fresh: false },
    });
    expect(gateway.inbox.messages('session.capture')).toEqual([
      expect.objectContaining({ session_id: session.number, ref: expect.stringMatching(/^rpc-/) }),
    ]);
    expect(gateway.inbox.messages('session.attach')).toEqual([
      message('session.attach', { session_id: session.number, last_seq: 0 }),
    ]);
  });

  it('renders the newest screen once output stops, however fast it came', async () => {
    const { gateway, session, renders } = await shownSession();
    await eventually(() => expect(renders).toHaveLength(1), SLOW);
    for (let i = 0; i < 20; i++) gateway.output(session.number, text(`line ${i}\r\n`));
    await eventually(() => expect(renders.at(-1)?.screen.text).toBe(`screen of ${session.number} at 20`), SLOW);
    // Twenty frames in a burst cost at most two renders after the first: one for the start, one for the end.
    expect(renders.length).toBeLessThanOrEqual(3);
  });

  it('says quiet once when output that ran a while stops', async () => {
    const { user, gateway, session, renders, quiet } = await shownSession();
    await eventually(() => expect(renders).toHaveLength(1), SLOW);
    const control = chatControl();
    expect(await control.input(user.userId, session.id, 'make\r')).toEqual({ ok: true, value: null });
    // The work: output for longer than the quiet period (2 s), a frame every 250 ms, then nothing.
    const started = Date.now();
    let frames = 0;
    while (Date.now() - started < 2_500) {
      frames += 1;
      gateway.output(session.number, text(`step ${frames}\r\n`));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await eventually(() => expect(quiet).toHaveLength(1), SLOW);
    expect(quiet[0]?.session.sessionId).toBe(session.id);
    // The final screen went out before the notice.
    expect(renders.at(-1)?.screen.text).toBe(`screen of ${session.number} at ${frames}`);
  });

  it('leaves the quiet notice to the agent’s done once the gateway reports states: one message for one event', async () => {
    const { gateway, session, stub, renders, attention } = await shownSession();
    await eventually(() => expect(renders).toHaveLength(1), SLOW);
    gateway.send(message('session.state', { session_id: session.number, state: 'working' }));
    // The hub marks the session as reporting states: the quiet plan then skips it (surface-plan.test.ts).
    await eventually(async () => {
      const entry = await runInDurableObject(stub, (_hub, state) =>
        state.storage.kv.get<SurfaceEntry>(`surface:${session.number}`),
      );
      expect(entry?.reportsStates).toBe(true);
    }, SLOW);
    // Work longer than the quiet period (2 s), then its end: told once, as the agent's done.
    const started = Date.now();
    while (Date.now() - started < 2_500) {
      gateway.output(session.number, text('step\r\n'));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    gateway.send(message('session.state', { session_id: session.number, state: 'done' }));
    await eventually(() => expect(attention.map((a) => a.item.state)).toEqual(['done']), SLOW);
  });

  it('waits out a channel’s retry and still delivers the final screen', async () => {
    const { gateway, session, renders, outcomes } = await shownSession();
    await eventually(() => expect(renders).toHaveLength(1), SLOW);
    outcomes.push({ kind: 'retry', afterMs: 3_000 });
    gateway.output(session.number, text('first\r\n'));
    await eventually(() => expect(renders).toHaveLength(2), SLOW);
    const refusedAt = Date.now();
    gateway.output(session.number, text('second\r\n'));
    await eventually(() => expect(renders.at(-1)?.screen.text).toBe(`screen of ${session.number} at 2`), SLOW);
    expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(2_500);
  });

  it('tells the surface when the session ends, and renders it no more', async () => {
    const { user, gateway, session, renders, ended } = await shownSession();
    await eventually(() => expect(renders).toHaveLength(1), SLOW);
    const res = await api(`/api/sessions/${session.id}`, user.cookie, { method: 'DELETE' });
    expect(res.status).toBe(200);
    await eventually(() => expect(ended).toEqual([{ bound: expect.objectContaining({ binding }), reason: 'ended' }]));
    const captures = gateway.inbox.messages('session.capture').length;
    gateway.output(session.number, text('late\r\n'));
    await gateway.inbox.expectNothing((f) => f.kind === 'text' && f.msg.type === 'session.capture', 2_000);
    expect(gateway.inbox.messages('session.capture')).toHaveLength(captures);
  });

  it('keeps a session lost with its server bound, and tells the surface when the stopped session is ended', async () => {
    const { user, vps, gateway, session, renders, ended } = await shownSession();
    await eventually(() => expect(renders).toHaveLength(1), SLOW);
    // The server went down and came back without it (a power cycle): stopped, restartable, its topic kept.
    gateway.close();
    const back = await connectGateway(vps.credential, vps.gatewayId, { sessions: [] });
    await eventually(async () => {
      const res = await api(`/api/vps/${vps.vpsId}/sessions`, user.cookie);
      const { sessions } = (await res.json()) as { sessions: { id: string; status: string }[] };
      expect(sessions.find((s) => s.id === session.id)?.status).toBe('stopped');
    });
    expect(ended).toEqual([]);
    const res = await api(`/api/sessions/${session.id}`, user.cookie, { method: 'DELETE' });
    expect(res.status).toBe(200);
    await eventually(() => expect(ended).toEqual([{ bound: expect.objectContaining({ binding }), reason: 'ended' }]));
    back.close();
  });

  it('keeps a chat’s input, redraw and end to the session’s owner, as the web does', async () => {
    const { user, gateway, session, renders } = await shownSession();
    await eventually(() => expect(renders).toHaveLength(1), SLOW);
    const control = channelPorts(
      env,
      createLogger({}, () => undefined),
    ).sessions;

    expect(await control.input(user.userId, session.id, 'ls\r')).toEqual({ ok: true, value: null });
    expect(await gateway.inbox.nextMessage('session.input')).toEqual(
      message('session.input', { session_id: session.number, data: 'ls\r' }),
    );
    expect(await control.redraw(user.userId, session.id)).toEqual({ ok: true, value: null });
    await eventually(() => expect(renders.at(-1)?.options).toEqual({ fresh: true }), SLOW);

    const stranger = await signIn();
    for (const result of [
      await control.session(stranger.userId, session.id),
      await control.input(stranger.userId, session.id, 'rm -rf ~\r'),
      await control.redraw(stranger.userId, session.id),
      await control.end(stranger.userId, session.id),
    ]) {
      expect(result).toEqual({ ok: false, error: { code: 'session.not_found', message: 'no such session' } });
    }
    expect(await control.input(user.userId, session.id, '')).toMatchObject({
      ok: false,
      error: { code: 'session.input_invalid' },
    });

    expect(await control.session(user.userId, session.id)).toMatchObject({
      ok: true,
      value: { sessionId: session.id, status: 'running', title: 'Fix the tests' },
    });
    expect(await control.end(user.userId, session.id)).toEqual({ ok: true, value: null });
    expect(await control.input(user.userId, session.id, 'ls\r')).toMatchObject({
      ok: false,
      error: { code: 'session.not_running' },
    });
    expect(await control.end(user.userId, session.id)).toMatchObject({ ok: false, error: { code: 'session.ended' } });
  });
});
