/**
 * Many viewers on one session (issue 11): viewers opening at once share the gateway's snapshot instead of each
 * waiting for its own capture, and typing costs the hub no attachment write per keystroke. The assertions are on
 * the mechanism; the time to first frame of 50 viewers opening at once is printed, never asserted (README "GatewayHub").
 */
import { runInDurableObject } from 'cloudflare:test';
import { message, type ProtocolMessage } from '@vibecode/schemas';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SubscriberAttachment } from '../../src/hub/attachment.ts';
import { readAttachment } from '../../src/hub/attachment-cache.ts';
import { eventually, type SocketInbox } from '../helpers/gateway-socket.ts';
import { connectSubscriber, sessionOnGateway } from './subscriber.ts';

const VIEWERS = 50;

afterEach(() => vi.restoreAllMocks());

const setup = () => sessionOnGateway();

const waitingForSnapshot = (stub: DurableObjectStub) =>
  runInDurableObject(
    stub,
    (_hub, state) =>
      state.getWebSockets('subscriber').filter((ws) => (readAttachment(ws) as SubscriberAttachment).snapshotWait)
        .length,
  );

describe('many viewers on one session', () => {
  it('asks the gateway for one snapshot while one is on its way, and gives it to every viewer waiting, each with its own ref', async () => {
    const { user, gateway, session, stub } = await setup();
    // The gateway is slow to capture: it holds its answer to the first attach until the test lets it go.
    const held: ProtocolMessage[] = [];
    gateway.override = (msg) => {
      if (msg.type !== 'session.attach') return false;
      held.push(msg);
      return true;
    };
    const viewers = await Promise.all(Array.from({ length: 10 }, () => connectSubscriber(user.cookie, session.id)));
    for (const viewer of viewers) viewer.send(message('session.attach', { session_id: session.number }));
    await expect.poll(() => waitingForSnapshot(stub)).toBe(viewers.length);
    expect(held).toHaveLength(1);
    gateway.override = null;
    const [attach] = held as [Extract<ProtocolMessage, { type: 'session.attach' }>];
    gateway.send(
      message('session.snapshot', {
        session_id: session.number,
        cols: 80,
        rows: 24,
        text: 'the screen',
        cursor: { x: 0, y: 0 },
        seq: 0,
        reason: 'fresh',
        ref: attach.ref,
      }),
    );
    const snapshots = await Promise.all(viewers.map((viewer) => viewer.nextMessage('session.snapshot')));
    expect(snapshots.map((s) => s.text)).toEqual(viewers.map(() => 'the screen'));
    expect(new Set(snapshots.map((s) => s.ref)).size).toBe(viewers.length);
    expect(snapshots.map((s) => s.ref)).toContain(attach.ref);
    expect(await waitingForSnapshot(stub)).toBe(0);
    // Nobody waits any more: the next fresh attach asks the gateway again.
    viewers[0]?.send(message('session.attach', { session_id: session.number }));
    await eventually(() => expect(gateway.inbox.messages('session.attach')).toHaveLength(2));
  });

  it('forwards an attach that names last_seq (a replay) every time: only fresh attaches share', async () => {
    const { user, gateway, session } = await setup();
    gateway.override = (msg) => msg.type === 'session.attach';
    const a = await connectSubscriber(user.cookie, session.id);
    const b = await connectSubscriber(user.cookie, session.id);
    a.send(message('session.attach', { session_id: session.number }));
    b.send(message('session.attach', { session_id: session.number, last_seq: 5 }));
    await eventually(() => expect(gateway.inbox.messages('session.attach')).toHaveLength(2));
  });

  it('writes no attachment per keystroke: 200 inputs forwarded, the attachment written at most once', async () => {
    const { user, gateway, session } = await setup();
    const viewer = await connectSubscriber(user.cookie, session.id);
    const writes = vi.spyOn(WebSocket.prototype, 'serializeAttachment');
    for (let i = 0; i < 200; i++) viewer.send(message('session.input', { session_id: session.number, data: 'x' }));
    await eventually(() => expect(gateway.inbox.messages('session.input')).toHaveLength(200));
    // At most once: the minute the activity mark is kept to may turn while typing.
    const whileTyping = writes.mock.calls.length;
    expect(whileTyping).toBeLessThanOrEqual(1);
    // The count sees the hub's writes: a fresh attach writes that the viewer waits for a snapshot (and its answer
    // that it no longer does).
    viewer.send(message('session.attach', { session_id: session.number }));
    await viewer.nextMessage('session.snapshot');
    expect(writes.mock.calls.length).toBeGreaterThan(whileTyping);
  });

  it(`gives ${VIEWERS} viewers opening at once each its first frame`, { timeout: 60_000 }, async () => {
    const { user, gateway, session } = await setup();
    // vitest ships every console line to its own process, which would dominate the timing: the logs stay out.
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const started = Date.now();
    const firstFrame = async (): Promise<number> => {
      const viewer: SocketInbox = await connectSubscriber(user.cookie, session.id);
      viewer.send(message('session.attach', { session_id: session.number }));
      await viewer.nextMessage('session.snapshot', 30_000);
      return Date.now() - started;
    };
    const times = (await Promise.all(Array.from({ length: VIEWERS }, firstFrame))).sort((x, y) => x - y);
    expect(times).toHaveLength(VIEWERS);
    const asked = gateway.inbox.messages('session.attach').length;
    console.info(
      `${VIEWERS} viewers at once: first frame p50 ${times[VIEWERS / 2]} ms, max ${times.at(-1)} ms; ${asked} snapshots asked`,
    );
  });
});
