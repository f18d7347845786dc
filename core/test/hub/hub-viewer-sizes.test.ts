/**
 * One size per session, the active viewer's (issue 12): a desktop (148×40) and a phone (40×30) on one session. The
 * gateway gets a resize only when the session's size changes; every viewer is told the session's size.
 */
import { runInDurableObject } from 'cloudflare:test';
import { message } from '@vibecode/schemas';
import { describe, expect, it, vi } from 'vitest';
import { eventually, type FakeGateway, type SocketInbox } from '../helpers/gateway-socket.ts';
import { connectSubscriber, sessionOnGateway } from './subscriber.ts';

const desk = { cols: 148, rows: 40 };
const phone = { cols: 40, rows: 30 };
type Size = typeof desk;

/** workerd evicts an idle Durable Object after 10 s; its hibernatable sockets stay connected (hub-eviction.test.ts). */
const EVICTION_WAIT_MS = 12_000;

async function setup() {
  const { user, gateway, session, stub } = await sessionOnGateway();
  const resizes = () => gateway.inbox.messages('session.resize').map(({ cols, rows }) => ({ cols, rows }));
  /**
   * A viewer that attached and said its size (nobody has typed yet, so it is the active one), was told so, and has
   * its snapshot (the hub tells an attaching viewer the size before it asks the gateway for one). What it is told
   * from then on is `later(viewer)`.
   */
  const viewer = async (size: Size): Promise<SocketInbox> => {
    const ws = await connectSubscriber(user.cookie, session.id);
    ws.send(message('session.attach', { session_id: session.number }));
    ws.send(message('session.resize', { session_id: session.number, ...size }));
    await ws.nextMessage('session.snapshot');
    await eventually(() => expect(told(ws).at(-1)).toEqual(size));
    joined.set(ws, told(ws).length);
    return ws;
  };
  const joined = new Map<SocketInbox, number>();
  const later = (ws: SocketInbox) => told(ws).slice(joined.get(ws));
  const type = (ws: SocketInbox, data = 'x') => ws.send(message('session.input', { session_id: session.number, data }));
  return { user, gateway, session, stub, resizes, viewer, type, later };
}

/** Every session size the hub told this viewer, in order. */
function told(ws: SocketInbox): Size[] {
  return ws.messages('session.size').map(({ cols, rows }) => ({ cols, rows }));
}

/**
 * Once this returns, every frame the hub sent the gateway before it has arrived: the hub answers the gateway's
 * ping after them, on the same socket.
 */
async function drained(gateway: FakeGateway): Promise<void> {
  const pongs = gateway.inbox.messages('pong').length;
  gateway.send(message('ping', {}));
  await eventually(() => expect(gateway.inbox.messages('pong').length).toBe(pongs + 1));
}

describe('one size per session, the active viewer’s', () => {
  it('takes the size of the viewer that attached last, then of the one that typed last', async () => {
    const { user, gateway, session, resizes, viewer, type, later } = await setup();
    const a = await viewer(desk);
    const b = await viewer(phone);
    // What the hub sends the gateway and the viewers goes over separate sockets: either may arrive first.
    await eventually(() => expect(resizes()).toEqual([desk, phone]));
    await eventually(() => expect(later(a)).toEqual([phone]));

    type(a, 'ls\r');
    expect(await gateway.inbox.nextMessage('session.input')).toMatchObject({ data: 'ls\r' });
    await eventually(() => expect(resizes()).toEqual([desk, phone, desk]));
    await eventually(() => expect(later(b)).toEqual([desk]));
    await eventually(() => expect(later(a)).toEqual([phone, desk]));

    // Typing on while active changes nothing: no resize, nothing told.
    for (let i = 0; i < 20; i++) type(a);
    await eventually(() => expect(gateway.inbox.messages('session.input')).toHaveLength(21));
    type(b);
    await eventually(() => expect(resizes()).toEqual([desk, phone, desk, phone]));
    await eventually(() => expect(later(a)).toEqual([phone, desk, phone]));
    await eventually(() => expect(later(b)).toEqual([desk, phone]));
    await drained(gateway);
    expect(resizes()).toHaveLength(4);
    // The hub's own resize: the chosen size only.
    expect(gateway.inbox.messages('session.resize').at(-1)).toEqual(
      message('session.resize', { session_id: session.number, ...phone }),
    );

    // A viewer that attaches is told the session's size at once, before it has said its own.
    const c = await connectSubscriber(user.cookie, session.id);
    c.send(message('session.attach', { session_id: session.number }));
    expect(await c.nextMessage('session.size')).toMatchObject(phone);
  });

  it('tells a viewer that says its size before it attaches only its own size, and resizes the pane before its snapshot', async () => {
    const { user, gateway, session, resizes, viewer } = await setup();
    await viewer(desk);
    // What the web's terminal sends on open: its size, then its attach.
    const b = await connectSubscriber(user.cookie, session.id);
    b.send(message('session.resize', { session_id: session.number, ...phone }));
    b.send(message('session.attach', { session_id: session.number }));
    await b.nextMessage('session.snapshot');
    expect(told(b).length).toBeGreaterThan(0);
    expect(told(b).filter((size) => size.cols !== phone.cols || size.rows !== phone.rows)).toEqual([]);
    await eventually(() => expect(resizes()).toEqual([desk, phone]));
    const toGateway = gateway.inbox.frames.flatMap((f) => (f.kind === 'text' ? [f.msg] : []));
    const lastResize = toGateway.findLastIndex((m) => m.type === 'session.resize');
    const lastAttach = toGateway.findLastIndex((m) => m.type === 'session.attach');
    expect(lastResize).toBeLessThan(lastAttach);
  });

  it('answers the resize of a viewer that is not active with the session’s size, and keeps the gateway’s', async () => {
    const { gateway, session, resizes, viewer, type, later } = await setup();
    const a = await viewer(desk);
    const b = await viewer(phone);
    type(b);
    await eventually(() => expect(gateway.inbox.messages('session.input')).toHaveLength(1));
    await eventually(() => expect(later(a)).toEqual([phone]));
    a.send(message('session.resize', { session_id: session.number, cols: 150, rows: 41 }));
    await eventually(() => expect(later(a)).toEqual([phone, phone]));
    await drained(gateway);
    expect(resizes()).toEqual([desk, phone]);
    // The active viewer's own resize is the session's: the gateway gets it, everyone is told.
    const fits = { cols: 42, rows: 30 };
    b.send(message('session.resize', { session_id: session.number, ...fits }));
    await eventually(() => expect(resizes()).toEqual([desk, phone, fits]));
    await eventually(() => expect(later(a)).toEqual([phone, phone, fits]));
  });

  it('hands the size to the next most recent viewer when the active one leaves', async () => {
    const { resizes, viewer, type, later } = await setup();
    const a = await viewer(desk);
    const b = await viewer(phone);
    type(a);
    await eventually(() => expect(resizes()).toEqual([desk, phone, desk]));
    a.ws.close(1000, 'bye');
    await eventually(() => expect(resizes()).toEqual([desk, phone, desk, phone]));
    await eventually(() => expect(later(b)).toEqual([desk, phone]));
  });

  it('makes the viewer that claims ("Fit to this screen") the active one', async () => {
    const { session, resizes, viewer, type, later } = await setup();
    const a = await viewer(desk);
    const b = await viewer(phone);
    type(a);
    await eventually(() => expect(resizes()).toEqual([desk, phone, desk]));
    b.send(message('session.resize', { session_id: session.number, ...phone, claim: true }));
    await eventually(() => expect(resizes()).toEqual([desk, phone, desk, phone]));
    await eventually(() => expect(later(a)).toEqual([phone, desk, phone]));
  });

  it.each([
    ['a claim that is not a boolean', { cols: 80, rows: 24, claim: 'yes' }, '/claim'],
    ['too few columns', { cols: 1, rows: 24 }, '/cols'],
    ['too many rows', { cols: 80, rows: 501 }, '/rows'],
    ['a fractional size', { cols: 80.5, rows: 24 }, '/cols'],
  ])('refuses %s with a typed error and resizes nothing', async (_name, fields, path) => {
    const { gateway, session, resizes, viewer, later } = await setup();
    const a = await viewer(desk);
    a.send(JSON.stringify({ type: 'session.resize', schema_version: '1', session_id: session.number, ...fields }));
    expect(await a.nextMessage('error')).toMatchObject({ code: 'protocol.schema', path });
    await drained(gateway);
    expect(resizes()).toEqual([desk]);
    expect(later(a)).toEqual([]);
  });

  it('keeps who is active through hibernation, writing no mark per keystroke', { timeout: 30_000 }, async () => {
    const { gateway, session, stub, resizes, viewer, type } = await setup();
    const a = await viewer(desk);
    const b = await viewer(phone);
    const writes = vi.spyOn(WebSocket.prototype, 'serializeAttachment');
    type(a);
    await eventually(() => expect(resizes()).toEqual([desk, phone, desk]));
    const marked = writes.mock.calls.length;
    for (let i = 0; i < 50; i++) type(a);
    await eventually(() => expect(gateway.inbox.messages('session.input')).toHaveLength(51));
    // At most one more: the minute the idle mark is kept to may turn while typing (hub-many-viewers.test.ts).
    expect(writes.mock.calls.length - marked).toBeLessThanOrEqual(1);
    writes.mockRestore();
    const before = await runInDurableObject(stub, (hub) => hub.instanceId);

    await new Promise((resolve) => setTimeout(resolve, EVICTION_WAIT_MS));

    // The phone attached last, but the desktop typed last: a woken hub still knows, so the phone's resize is only
    // answered with the desktop's size (a woken hub may send the gateway the unchanged size once more).
    const toldBefore = told(b).length;
    b.send(message('session.resize', { session_id: session.number, cols: 41, rows: 30 }));
    await eventually(() => expect(told(b).length).toBe(toldBefore + 1));
    expect(told(b).at(-1)).toEqual(desk);
    await drained(gateway);
    expect(
      resizes()
        .slice(3)
        .every((size) => size.cols === desk.cols && size.rows === desk.rows),
    ).toBe(true);
    expect(await runInDurableObject(stub, (hub) => hub.instanceId)).not.toBe(before);
    a.ws.close(1000, 'bye');
    await eventually(() => expect(resizes().at(-1)).toEqual({ cols: 41, rows: 30 }));
  });
});
