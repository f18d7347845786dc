import { CloseCode, encodeOutputFrame, message, type ProtocolMessage } from '@vibecode/schemas';
import type { TransportEvents } from '@vibecode/schemas/link';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSink } from '../../../test/unit/fake-sink.ts';
import { endedNotice, type LinkState, SIGNED_OUT_NOTICE } from './link-state.ts';
import { SessionLink, type SessionLinkOptions } from './session-link.ts';

const SESSION = 7;
const bytes = (text: string) => new TextEncoder().encode(text);
const frame = (seq: number, text: string, session = SESSION) => encodeOutputFrame(session, seq, bytes(text));
/** Frame `seq`'s text in the resume tests: a for 1, b for 2… */
const letter = (seq: number) => String.fromCharCode(96 + seq);

/** The socket's events as the tests drive them: open, a text or binary frame, close. */
interface FakeHandlers {
  open(): void;
  text(data: string): void;
  binary(data: Uint8Array): void;
  close(code?: number): void;
}

function fakeHandlers(events: TransportEvents): FakeHandlers {
  return {
    open: () => events.open(),
    text: (data) => events.message(data),
    binary: (data) => events.message(data),
    close: (code = 1006) => events.close(code, ''),
  };
}

function setup(overrides: Partial<SessionLinkOptions> = {}) {
  const sink = new FakeSink();
  const sockets: { handlers: FakeHandlers; sent: ProtocolMessage[]; closed: boolean }[] = [];
  const states: LinkState[] = [];
  const link = new SessionLink({
    sessionNumber: SESSION,
    sink,
    onState: (s) => states.push(s),
    random: () => 0,
    dial: (events) => {
      const socket = { handlers: fakeHandlers(events), sent: [] as ProtocolMessage[], closed: false };
      sockets.push(socket);
      const send = (text: string | Uint8Array) => socket.sent.push(JSON.parse(String(text)));
      return {
        send,
        bufferedAmount: 0,
        ping: () => send(JSON.stringify(message('ping', {}))),
        close: () => {
          socket.closed = true;
        },
        terminate: () => {
          socket.closed = true;
        },
      };
    },
    ...overrides,
  });
  const current = () => sockets[sockets.length - 1];
  const sent = (type: string) => current().sent.filter((m) => m.type === type);
  const text = (m: ProtocolMessage) => current().handlers.text(JSON.stringify(m));
  return { link, sink, sockets, states, current, sent, text };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('SessionLink: attach and output', () => {
  it('says its known size, then attaches without last_seq on first open (asking for a snapshot)', () => {
    const t = setup();
    t.link.resize(100, 30);
    t.link.start();
    t.current().handlers.open();
    expect(t.current().sent).toEqual([
      message('session.resize', { session_id: SESSION, cols: 100, rows: 30 }),
      message('session.attach', { session_id: SESSION }),
    ]);
    expect(t.link.state.status).toBe('connected');
  });

  it('writes frames in order and drops frames whose seq it already has', () => {
    const t = setup();
    t.link.start();
    t.current().handlers.open();
    t.current().handlers.binary(frame(1, 'a'));
    t.current().handlers.binary(frame(2, 'b'));
    t.current().handlers.binary(frame(2, 'b'));
    t.current().handlers.binary(frame(1, 'a'));
    t.current().handlers.binary(frame(3, 'c'));
    expect(t.sink.screen).toBe('abc');
    expect(t.link.stats.duplicates).toBe(2);
    expect(t.link.receivedSeq).toBe(3);
  });

  it("ignores other sessions' frames and malformed frames", () => {
    const t = setup();
    t.link.start();
    t.current().handlers.open();
    t.current().handlers.binary(frame(1, 'other', 99));
    t.current().handlers.binary(new Uint8Array([1, 2]));
    t.current().handlers.text('{not json');
    expect(t.sink.screen).toBe('');
    expect(t.link.receivedSeq).toBe(0);
  });
});

describe('SessionLink: acks and flow control', () => {
  it('acks on the tick only what the terminal has written', () => {
    const t = setup({ ack: { intervalMs: 250, bytesThreshold: 1_000_000 } });
    t.sink.auto = false;
    t.link.start();
    t.current().handlers.open();
    t.current().handlers.binary(frame(1, 'a'));
    t.current().handlers.binary(frame(2, 'b'));
    vi.advanceTimersByTime(250);
    expect(t.sent('session.ack')).toEqual([]);
    t.sink.flush();
    vi.advanceTimersByTime(250);
    expect(t.sent('session.ack')).toEqual([message('session.ack', { session_id: SESSION, seq: 2 })]);
    vi.advanceTimersByTime(1000);
    expect(t.sent('session.ack')).toHaveLength(1);
  });

  it('acks at once after the byte threshold', () => {
    const t = setup({ ack: { intervalMs: 250, bytesThreshold: 4 } });
    t.link.start();
    t.current().handlers.open();
    t.current().handlers.binary(frame(1, 'ab'));
    expect(t.sent('session.ack')).toEqual([]);
    t.current().handlers.binary(frame(2, 'cd'));
    expect(t.sent('session.ack')).toEqual([message('session.ack', { session_id: SESSION, seq: 2 })]);
  });

  it('past the queue bound drops the queue and re-attaches from what the terminal has', () => {
    const t = setup({ maxInflightBytes: 5, queueMaxBytes: 10 });
    t.sink.auto = false;
    t.link.start();
    t.current().handlers.open();
    t.current().handlers.binary(frame(1, '12345'));
    t.current().handlers.binary(frame(2, '12345'));
    t.current().handlers.binary(frame(3, '12345'));
    t.current().handlers.binary(frame(4, '12345'));
    expect(t.link.stats.resyncs).toBe(1);
    expect(t.sent('session.attach').at(-1)).toEqual(message('session.attach', { session_id: SESSION, last_seq: 1 }));
    t.sink.flush();
    t.current().handlers.binary(frame(2, 'replayed'));
    t.sink.flush();
    expect(t.sink.screen).toBe('12345replayed');
  });
});

describe('SessionLink: reconnect and resume', () => {
  it('reconnects with backoff and resumes from the last seq it received', () => {
    const t = setup();
    t.link.start();
    t.current().handlers.open();
    t.current().handlers.binary(frame(1, 'a'));
    t.current().handlers.binary(frame(2, 'b'));
    t.current().handlers.close();
    expect(t.link.state.status).toBe('reconnecting');
    vi.advanceTimersByTime(249);
    expect(t.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(t.sockets).toHaveLength(2);
    t.current().handlers.close();
    vi.advanceTimersByTime(499);
    expect(t.sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(t.sockets).toHaveLength(3);
    t.current().handlers.open();
    expect(t.sent('session.attach')).toEqual([message('session.attach', { session_id: SESSION, last_seq: 2 })]);
    expect(t.link.state.status).toBe('connected');
  });

  it('stops at a sign-out close: no redial, no input, no retry banner, and says why', () => {
    const t = setup({ offlineBannerMs: 1000 });
    t.link.start();
    t.current().handlers.open();
    t.current().handlers.close(CloseCode.SignedOut);
    expect(t.link.state).toEqual({
      status: 'signed-out',
      banner: false,
      notice: SIGNED_OUT_NOTICE,
      exit: null,
      endedReason: null,
    });
    vi.advanceTimersByTime(60_000);
    expect(t.sockets).toHaveLength(1);
    expect(t.link.state.banner).toBe(false);
    expect(t.link.input('ls\r')).toBe(false);
    t.link.retry();
    expect(t.sockets).toHaveLength(1);
  });

  it('a live frame that overtakes the replay it asked for loses nothing: it waits for the replay', () => {
    const t = setup();
    t.link.start();
    t.current().handlers.open();
    t.current().handlers.binary(frame(1, 'a'));
    t.current().handlers.close();
    vi.advanceTimersByTime(250);
    t.current().handlers.open();
    // The hub sends the session's live output to every viewer: frame 4 arrives before the gateway has answered this
    // socket's attach (last_seq 1) with the replay of 2..4.
    t.current().handlers.binary(frame(4, 'd'));
    for (const seq of [2, 3, 4]) t.current().handlers.binary(frame(seq, letter(seq)));
    t.current().handlers.binary(frame(5, 'e'));
    expect(t.sink.screen).toBe('abcde');
    expect(t.sent('session.attach')).toEqual([message('session.attach', { session_id: SESSION, last_seq: 1 })]);
    expect(t.link.stats.gaps).toBe(1);
  });

  it('a hole in the live stream asks once for a replay from what it holds', () => {
    const t = setup();
    t.link.start();
    t.current().handlers.open();
    t.current().handlers.binary(frame(1, 'a'));
    t.current().handlers.binary(frame(3, 'c'));
    t.current().handlers.binary(frame(4, 'd'));
    expect(t.sent('session.attach').at(-1)).toEqual(message('session.attach', { session_id: SESSION, last_seq: 1 }));
    expect(t.sent('session.attach')).toHaveLength(2);
    for (const seq of [2, 3, 4]) t.current().handlers.binary(frame(seq, letter(seq)));
    expect(t.sink.screen).toBe('abcd');
  });

  it('drops a socket whose handshake hangs and dials again', () => {
    const t = setup({ connectTimeoutMs: 5000 });
    t.link.start();
    vi.advanceTimersByTime(4999);
    expect(t.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(t.sockets[0]?.closed).toBe(true);
    expect(t.link.state.status).toBe('reconnecting');
    vi.advanceTimersByTime(250);
    expect(t.sockets).toHaveLength(2);
    t.current().handlers.open();
    vi.advanceTimersByTime(10_000);
    expect(t.sockets).toHaveLength(2);
    expect(t.link.state.status).toBe('connected');
  });

  it('never replays input typed while the link was down', () => {
    const t = setup();
    t.link.start();
    expect(t.link.input('lost')).toBe(false);
    t.current().handlers.open();
    expect(t.link.input('ls\r')).toBe(true);
    expect(t.sent('session.input')).toEqual([message('session.input', { session_id: SESSION, data: 'ls\r' })]);
  });

  it('splits a large paste into several input messages', () => {
    const t = setup();
    t.link.start();
    t.current().handlers.open();
    t.link.input('x'.repeat(70_000));
    expect(t.sent('session.input').map((m) => (m as { data: string }).data.length)).toEqual([65_536, 4464]);
  });

  it('sends a resize only when the size changed', () => {
    const t = setup();
    t.link.start();
    t.current().handlers.open();
    t.link.resize(80, 24);
    t.link.resize(80, 24);
    t.link.resize(120, 40);
    expect(t.sent('session.resize')).toHaveLength(2);
  });

  it('claims the session size even when its size did not change, and hands on the size the hub says (issue 12)', () => {
    const sizes: { cols: number; rows: number }[] = [];
    const t = setup({ onSize: (size) => sizes.push(size) });
    t.link.start();
    t.current().handlers.open();
    t.link.resize(80, 24);
    t.link.resize(80, 24, true);
    expect(t.sent('session.resize')).toEqual([
      message('session.resize', { session_id: SESSION, cols: 80, rows: 24 }),
      message('session.resize', { session_id: SESSION, cols: 80, rows: 24, claim: true }),
    ]);
    t.text(message('session.size', { session_id: SESSION + 1, cols: 148, rows: 40 }));
    t.text(message('session.size', { session_id: SESSION, cols: 148, rows: 40 }));
    expect(sizes).toEqual([{ cols: 148, rows: 40 }]);
  });

  it("hands on its agent's state as the gateway reports it, not another session's", () => {
    const states: unknown[] = [];
    const t = setup({ onAgentState: (state) => states.push(state) });
    t.link.start();
    t.current().handlers.open();
    const asking = message('session.state', {
      session_id: SESSION,
      state: 'needs_input',
      detail: 'Continue? [Y/n]',
      prompt_fingerprint: '0123456789abcdef',
      choices: [{ key: 'y', label: 'Yes' }],
    });
    t.text(message('session.state', { session_id: SESSION + 1, state: 'working' }));
    t.text(asking);
    expect(states).toEqual([asking]);
  });

  it('pings periodically so the hub does not close it as idle', () => {
    const t = setup({ pingMs: 1000 });
    t.link.start();
    t.current().handlers.open();
    vi.advanceTimersByTime(3000);
    expect(t.sent('ping')).toHaveLength(3);
  });

  it('redials a hub that answers no ping within the pong timeout, and resumes', () => {
    const t = setup({ pingMs: 1000, pongTimeoutMs: 500 });
    t.link.start();
    t.current().handlers.open();
    t.current().handlers.binary(frame(1, 'a'));
    vi.advanceTimersByTime(1000);
    t.text(message('pong', {}));
    vi.advanceTimersByTime(1499);
    expect(t.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(t.sockets[0]?.closed).toBe(true);
    expect(t.link.state.status).toBe('reconnecting');
    vi.advanceTimersByTime(250);
    t.current().handlers.open();
    expect(t.sent('session.attach')).toEqual([message('session.attach', { session_id: SESSION, last_seq: 1 })]);
  });

  it('stops for good when the session ended, leaving the close to the hub', () => {
    const t = setup();
    t.link.start();
    t.current().handlers.open();
    t.text(message('session.ended', { session_id: SESSION, reason: 'ended' }));
    expect(t.link.state.status).toBe('ended');
    // The hub closes with its own code right after `session.ended`; closing first would race it.
    expect(t.current().closed).toBe(false);
    t.current().handlers.close(CloseCode.SessionEnded);
    vi.advanceTimersByTime(60_000);
    expect(t.sockets).toHaveLength(1);
    expect(t.link.state).toMatchObject({ status: 'ended', banner: false });
  });

  it('closes the socket itself when the hub does not, after the session ended', () => {
    const t = setup();
    t.link.start();
    t.current().handlers.open();
    t.text(message('session.ended', { session_id: SESSION, reason: 'lost' }));
    vi.advanceTimersByTime(5_000);
    expect(t.current().closed).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(t.sockets).toHaveLength(1);
    expect(t.link.state.status).toBe('ended');
  });

  it.each([
    ['ended', 'This session was ended.'],
    ['exited', 'The program in this session exited.'],
    ['lost', 'This session stopped with its server (powered off or restarted).'],
  ] as const)('says in words why the session ended (%s)', (reason, notice) => {
    expect(endedNotice(reason)).toBe(notice);
    const t = setup();
    t.link.start();
    t.current().handlers.open();
    t.text(message('session.ended', { session_id: SESSION, reason }));
    expect(t.link.state).toMatchObject({ status: 'ended', notice, endedReason: reason });
    expect(t.states.at(-1)).toMatchObject({ status: 'ended', notice });
  });

  it("ends while the gateway is offline (lost with its server) and ignores another session's end", () => {
    const t = setup();
    t.link.start();
    t.current().handlers.open();
    t.text(message('gateway.offline', { gateway_id: 'g1', since: '2026-11-24T10:00:00.000Z' }));
    t.text(message('session.ended', { session_id: SESSION + 1, reason: 'lost' }));
    expect(t.link.state.status).toBe('offline');
    t.text(message('session.ended', { session_id: SESSION, reason: 'lost' }));
    expect(t.link.state).toMatchObject({ status: 'ended', banner: false, notice: endedNotice('lost') });
    t.current().handlers.close(CloseCode.SessionEnded);
    vi.advanceTimersByTime(60_000);
    expect(t.sockets).toHaveLength(1);
  });
});

describe('SessionLink: offline banner', () => {
  it('shows the banner after offlineBannerMs of gateway.offline and hides it on gateway.online', () => {
    const t = setup({ offlineBannerMs: 30_000 });
    t.link.resize(100, 30);
    t.link.start();
    t.current().handlers.open();
    t.text(message('gateway.offline', { gateway_id: 'g1', since: '2026-11-24T10:00:00.000Z' }));
    expect(t.link.state).toMatchObject({ status: 'offline', banner: false });
    vi.advanceTimersByTime(29_999);
    expect(t.link.state.banner).toBe(false);
    vi.advanceTimersByTime(1);
    expect(t.link.state.banner).toBe(true);
    t.text(message('gateway.online', { gateway_id: 'g1' }));
    expect(t.link.state).toMatchObject({ status: 'connected', banner: false });
    // The gateway that came back gets the size before the attach, as on a first open.
    expect(t.current().sent.slice(-2)).toEqual([
      message('session.resize', { session_id: SESSION, cols: 100, rows: 30 }),
      message('session.attach', { session_id: SESSION }),
    ]);
    expect(t.sent('session.attach')).toHaveLength(2);
  });

  it('shows the banner after offlineBannerMs of failed reconnects; Retry dials at once with the backoff reset', () => {
    const t = setup({ offlineBannerMs: 1000, backoff: { baseMs: 10_000, capMs: 60_000 } });
    t.link.start();
    t.current().handlers.open();
    t.current().handlers.close();
    vi.advanceTimersByTime(1000);
    expect(t.link.state).toMatchObject({ status: 'reconnecting', banner: true });
    t.link.retry();
    expect(t.sockets).toHaveLength(2);
    t.current().handlers.open();
    expect(t.link.state).toMatchObject({ status: 'connected', banner: false });
  });

  it('shows an exited session read-only: input is dropped until session.started says it runs again', () => {
    const t = setup();
    t.link.start();
    t.current().handlers.open();
    t.text(message('session.exited', { session_id: SESSION + 1, code: 9, signal: null, lines: [] }));
    expect(t.link.state.status).toBe('connected');
    t.text(message('session.exited', { session_id: SESSION, code: 3, signal: null, lines: ['Error: no network'] }));
    expect(t.link.state).toMatchObject({
      status: 'exited',
      exit: { code: 3, signal: null, lines: ['Error: no network'] },
    });
    expect(t.link.input('ls\r')).toBe(false);
    expect(t.sent('session.input')).toEqual([]);
    // Still attached: the dead pane's screen keeps arriving, and no reconnect is made.
    t.current().handlers.binary(frame(1, 'exited (code 3)'));
    expect(t.sink.screen).toBe('exited (code 3)');
    expect(t.sockets).toHaveLength(1);
    t.text(message('session.started', { session_id: SESSION, ref: 'rpc:1' }));
    expect(t.link.state).toMatchObject({ status: 'connected', exit: null });
    expect(t.link.input('ls\r')).toBe(true);
    expect(t.sent('session.input')).toHaveLength(1);
  });

  it('reports session errors as a notice', () => {
    const t = setup();
    t.link.start();
    t.current().handlers.open();
    t.text(
      message('session.error', {
        session_id: SESSION,
        error: { code: 'session.not_found', message: 'no such session' },
      }),
    );
    expect(t.link.state.notice).toBe('no such session');
    expect(t.states.at(-1)?.notice).toBe('no such session');
  });
});
