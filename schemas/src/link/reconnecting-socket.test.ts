import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CloseInfo, ReconnectingSocket, type ReconnectingSocketOptions } from './reconnecting-socket.ts';
import type { TransportEvents } from './transport.ts';

/** One dialled connection: what was sent on it and how it ended; `events` drive it as the network would. */
class FakeTransport {
  sent: (string | Uint8Array)[] = [];
  pings = 0;
  bufferedAmount = 0;
  closedWith: [number, string] | null = null;
  terminated = false;
  constructor(readonly events: TransportEvents) {}
  send(data: string | Uint8Array) {
    this.sent.push(data);
  }
  ping() {
    this.pings += 1;
  }
  close(code: number, reason: string) {
    this.closedWith = [code, reason];
  }
  terminate() {
    this.terminated = true;
  }
}

function setup(overrides: Partial<ReconnectingSocketOptions> = {}, onClosed?: (socket: ReconnectingSocket) => void) {
  const dialled: FakeTransport[] = [];
  const log: string[] = [];
  const closes: CloseInfo[] = [];
  const received: (string | Uint8Array)[] = [];
  const socket = new ReconnectingSocket(
    {
      dial: (events) => {
        const transport = new FakeTransport(events);
        dialled.push(transport);
        return transport;
      },
      backoff: { baseMs: 500, capMs: 4000 },
      connectTimeoutMs: 5000,
      heartbeat: { intervalMs: 1000, timeoutMs: 1000 },
      sendBuffer: { maxBytes: 100, marks: { high: 50, low: 10 } },
      random: () => 0,
      ...overrides,
    },
    {
      open: () => log.push('open'),
      message: (data) => received.push(data),
      closed: (info) => {
        closes.push(info);
        onClosed?.(socket);
      },
      retrying: (delay, attempt) => log.push(`retry ${delay} #${attempt}`),
      drain: () => log.push('drain'),
    },
  );
  const current = () => dialled[dialled.length - 1] as FakeTransport;
  return { socket, dialled, log, closes, received, current };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('ReconnectingSocket: connecting', () => {
  it('goes idle → connecting → open and passes messages on', () => {
    const t = setup();
    expect(t.socket.state).toBe('idle');
    t.socket.start();
    expect(t.socket.state).toBe('connecting');
    t.current().events.open();
    expect(t.socket.state).toBe('open');
    t.current().events.message('hi');
    expect(t.received).toEqual(['hi']);
    expect(t.log).toEqual(['open']);
  });

  it('drops an attempt that has not opened within the connect timeout and dials again', () => {
    const t = setup();
    t.socket.start();
    vi.advanceTimersByTime(4999);
    expect(t.dialled).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(t.dialled[0]?.terminated).toBe(true);
    expect(t.closes).toEqual([{ code: 1006, reason: 'connect timeout', cause: 'connect-timeout', wasOpen: false }]);
    expect(t.socket.state).toBe('waiting');
    vi.advanceTimersByTime(250);
    expect(t.dialled).toHaveLength(2);
  });

  it('backs off exponentially up to the cap while attempts fail', () => {
    const t = setup();
    t.socket.start();
    for (let i = 0; i < 5; i++) {
      t.current().events.close(1006, '');
      vi.runOnlyPendingTimers();
    }
    expect(t.log).toEqual(['retry 250 #1', 'retry 500 #2', 'retry 1000 #3', 'retry 2000 #4', 'retry 2000 #5']);
    expect(t.dialled).toHaveLength(6);
  });

  it('resets the backoff only after an open that lasted stableMs', () => {
    const t = setup({ stableMs: 10_000, heartbeat: { intervalMs: 60_000, timeoutMs: 60_000 } });
    t.socket.start();
    t.current().events.close(1006, '');
    vi.runOnlyPendingTimers();
    t.current().events.open();
    t.current().events.close(1006, '');
    expect(t.log.at(-1)).toBe('retry 500 #2');
    vi.runOnlyPendingTimers();
    t.current().events.open();
    vi.advanceTimersByTime(10_000);
    t.current().events.close(1000, 'bye');
    expect(t.log.at(-1)).toBe('retry 250 #1');
    expect(t.closes.at(-1)).toEqual({ code: 1000, reason: 'bye', cause: 'closed', wasOpen: true });
  });

  it('uses the policy backoffAfter gives a close code', () => {
    const t = setup({ backoffAfter: (code) => (code === 4010 ? { baseMs: 600_000, capMs: 600_000 } : undefined) });
    t.socket.start();
    t.current().events.open();
    t.current().events.close(4010, 'schema');
    expect(t.log.at(-1)).toBe('retry 300000 #1');
  });

  it('ignores events from a connection it has left', () => {
    const t = setup();
    t.socket.start();
    const first = t.current();
    vi.advanceTimersByTime(5000);
    first.events.open();
    first.events.message('late');
    first.events.close(1000, '');
    expect(t.received).toEqual([]);
    expect(t.closes).toHaveLength(1);
    expect(t.socket.state).toBe('waiting');
  });
});

describe('ReconnectingSocket: heartbeat', () => {
  it('pings while open and drops a peer that stays silent past the timeout', () => {
    const t = setup();
    t.socket.start();
    t.current().events.open();
    vi.advanceTimersByTime(1000);
    expect(t.current().pings).toBe(1);
    t.current().events.pong();
    vi.advanceTimersByTime(1000);
    t.current().events.message('any traffic counts');
    vi.advanceTimersByTime(1999);
    expect(t.closes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(t.dialled[0]?.terminated).toBe(true);
    expect(t.closes).toEqual([{ code: 1006, reason: 'heartbeat timeout', cause: 'heartbeat', wasOpen: true }]);
  });
});

describe('ReconnectingSocket: sending', () => {
  it('drops sends while not open (at-most-once) and never replays them', () => {
    const t = setup();
    t.socket.start();
    expect(t.socket.send('early')).toBe(false);
    t.current().events.open();
    expect(t.socket.send('now')).toBe(true);
    expect(t.current().sent).toEqual(['now']);
  });

  it('is congested above the high mark until a write brings the buffer below the low mark', () => {
    const t = setup();
    t.socket.start();
    t.current().events.open();
    t.current().bufferedAmount = 60;
    t.socket.send('x');
    expect(t.socket.congested).toBe(true);
    t.current().bufferedAmount = 20;
    t.current().events.written();
    expect([t.socket.congested, t.log.includes('drain')]).toEqual([true, false]);
    t.current().bufferedAmount = 5;
    t.current().events.written();
    expect([t.socket.congested, t.log.at(-1)]).toEqual([false, 'drain']);
  });

  it('past the buffer bound drops the connection instead of queueing more, and redials', () => {
    const t = setup();
    t.socket.start();
    t.current().events.open();
    t.current().bufferedAmount = 101;
    expect(t.socket.send('one too many')).toBe(false);
    expect(t.dialled[0]?.sent).toEqual([]);
    expect(t.dialled[0]?.terminated).toBe(true);
    expect(t.closes.at(-1)?.cause).toBe('send-overflow');
    expect(t.socket.congested).toBe(false);
    vi.advanceTimersByTime(250);
    expect(t.dialled).toHaveLength(2);
  });
});

describe('ReconnectingSocket: stop and reconnectNow', () => {
  it('stop closes with the code, resolves on the close and never redials', async () => {
    const t = setup();
    t.socket.start();
    t.current().events.open();
    const stopped = t.socket.stop(1001, 'going away');
    expect(t.current().closedWith).toEqual([1001, 'going away']);
    t.current().events.close(1001, 'going away');
    await stopped;
    vi.advanceTimersByTime(60_000);
    expect([t.dialled.length, t.closes.length, t.socket.state]).toEqual([1, 0, 'stopped']);
  });

  it('stop drops the connection when the peer does not answer the close in time', async () => {
    const t = setup({ closeTimeoutMs: 2000 });
    t.socket.start();
    t.current().events.open();
    const stopped = t.socket.stop();
    vi.advanceTimersByTime(2000);
    await stopped;
    expect(t.current().terminated).toBe(true);
  });

  it('stop from the closed handler wins over the redial', () => {
    const t = setup({}, (socket) => void socket.stop());
    t.socket.start();
    t.current().events.open();
    t.current().events.close(1000, '');
    vi.advanceTimersByTime(60_000);
    expect([t.dialled.length, t.socket.state, t.log]).toEqual([1, 'stopped', ['open']]);
  });

  it('reconnectNow dials at once with the backoff reset', () => {
    const t = setup({ backoff: { baseMs: 10_000, capMs: 60_000 } });
    t.socket.start();
    t.current().events.close(1006, '');
    t.socket.reconnectNow();
    expect(t.dialled).toHaveLength(2);
    t.current().events.close(1006, '');
    expect(t.log.at(-1)).toBe('retry 5000 #1');
  });
});
