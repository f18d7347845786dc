/**
 * A WebSocket that stays connected: the one connection core of the browser's session link and the gateway's hub
 * link. The runtime's socket comes in through `dial` (see transport.ts); time through `clock`.
 *
 * States: `idle` → `connecting` → `open` → (lost) `waiting` → `connecting` … until `stop()` makes it `stopped`.
 * - An attempt that has not opened within `connectTimeoutMs` is dropped and retried, so a hung handshake never
 *   leaves the caller stuck.
 * - Retries back off with jitter (backoff.ts); an open that lasted `stableMs` resets the backoff. `backoffAfter`
 *   gives a close code its own policy (a hub that refused our protocol version will not change its mind soon).
 * - While open, a heartbeat (heartbeat.ts) drops a peer that has gone silent.
 * - Sends are at-most-once: while not open a message is dropped (`send` returns false) and nothing is replayed
 *   after a reconnect; the protocol resumes (last_seq, hello) instead. While open, frames queue in the transport's
 *   buffer, bounded by `sendBuffer.maxBytes`: a send that finds the buffer past it drops the connection (the peer
 *   stopped reading) and redials, so the buffer holds at most that bound plus one frame. With `sendBuffer.marks`,
 *   `congested` is true above the high mark until the buffer drains below the low one (`drain` then fires), so a
 *   producer can pause long before the bound.
 */
import { type BackoffPolicy, backoffDelay } from './backoff.ts';
import { type Clock, systemClock, type TimerHandle } from './clock.ts';
import { FlowGate } from './flow-gate.ts';
import { Heartbeat, type HeartbeatOptions } from './heartbeat.ts';
import type { Dial, Transport } from './transport.ts';

export type SocketState = 'idle' | 'connecting' | 'open' | 'waiting' | 'stopped';

/** Why a connection ended: the peer or network closed it, or this side gave up on it. */
export type CloseCause = 'closed' | 'connect-timeout' | 'heartbeat' | 'send-overflow';

export interface CloseInfo {
  code: number;
  reason: string;
  cause: CloseCause;
  /** False when the attempt never opened. */
  wasOpen: boolean;
}

export interface SendBufferOptions {
  maxBytes: number;
  marks?: { high: number; low: number };
}

export interface ReconnectingSocketOptions {
  dial: Dial;
  backoff: BackoffPolicy;
  connectTimeoutMs: number;
  heartbeat: HeartbeatOptions;
  sendBuffer: SendBufferOptions;
  /** An open that lasted this long resets the backoff; 0 resets it after any open. */
  stableMs?: number;
  backoffAfter?: (code: number) => BackoffPolicy | undefined;
  /** How long `stop()` waits for the closing handshake before dropping the connection. */
  closeTimeoutMs?: number;
  clock?: Clock;
  random?: () => number;
}

export interface SocketEvents {
  open(): void;
  message(data: string | Uint8Array): void;
  /** A connection or attempt ended; a redial follows unless the handler stops or redials itself. */
  closed?(info: CloseInfo): void;
  retrying?(delayMs: number, attempt: number): void;
  /** The send buffer fell below its low mark after being congested. */
  drain?(): void;
}

/** The close code of a connection this side dropped without a handshake, as WebSockets report it. */
export const CLOSE_ABNORMAL = 1006;

interface Connection {
  transport?: Transport;
  live: boolean;
  openedAt?: number;
  /** Set by `stop()`: told when the closing handshake finished. */
  onClosed?: () => void;
}

export class ReconnectingSocket {
  readonly #options: ReconnectingSocketOptions;
  readonly #events: SocketEvents;
  readonly #clock: Clock;
  readonly #heartbeat: Heartbeat;
  readonly #gate: FlowGate | undefined;
  #state: SocketState = 'idle';
  #conn: Connection | undefined;
  #attempt = 0;
  #retryTimer: TimerHandle | undefined;
  #connectTimer: TimerHandle | undefined;

  constructor(options: ReconnectingSocketOptions, events: SocketEvents) {
    this.#options = options;
    this.#events = events;
    this.#clock = options.clock ?? systemClock;
    this.#heartbeat = new Heartbeat(
      options.heartbeat,
      this.#clock,
      () => this.#conn?.transport?.ping(),
      () => this.#giveUp('heartbeat', 'heartbeat timeout'),
    );
    const marks = options.sendBuffer.marks;
    this.#gate = marks ? new FlowGate(marks.high, marks.low) : undefined;
  }

  get state(): SocketState {
    return this.#state;
  }

  /** True while the send buffer is past its high mark (see the file comment). */
  get congested(): boolean {
    return this.#gate?.isClosed ?? false;
  }

  start(): void {
    if (this.#state === 'idle') this.#dial();
  }

  /** Hands `data` to the open connection; false (and dropped) when there is none or its buffer is past the bound. */
  send(data: string | Uint8Array): boolean {
    const transport = this.#conn?.transport;
    if (this.#state !== 'open' || !transport) return false;
    if (transport.bufferedAmount > this.#options.sendBuffer.maxBytes) {
      this.#giveUp('send-overflow', 'send buffer full');
      return false;
    }
    transport.send(data);
    this.#gate?.update(transport.bufferedAmount);
    return true;
  }

  /** Drops whatever connection there is and dials now, with the backoff reset ("Retry connection"). */
  reconnectNow(): void {
    if (this.#state === 'stopped') return;
    this.#clock.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#attempt = 0;
    const conn = this.#detach();
    conn?.transport?.close(1000, 'reconnecting');
    this.#dial();
  }

  /** Closes with `code` and never redials; resolves once the peer answered the close or `closeTimeoutMs` passed. */
  stop(code = 1000, reason = ''): Promise<void> {
    if (this.#state === 'stopped') return Promise.resolve();
    this.#state = 'stopped';
    this.#clock.clearTimeout(this.#retryTimer);
    const conn = this.#detach();
    const transport = conn?.transport;
    if (!conn || !transport) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = this.#clock.setTimeout(() => {
        transport.terminate();
        resolve();
      }, this.#options.closeTimeoutMs ?? 2000);
      conn.onClosed = () => {
        this.#clock.clearTimeout(timer);
        resolve();
      };
      transport.close(code, reason);
    });
  }

  #dial(): void {
    this.#state = 'connecting';
    const conn: Connection = { live: true };
    this.#conn = conn;
    conn.transport = this.#options.dial({
      open: () => conn.live && this.#opened(conn),
      message: (data) => {
        if (!conn.live) return;
        this.#heartbeat.seen();
        this.#events.message(data);
      },
      pong: () => conn.live && this.#heartbeat.seen(),
      written: () => conn.live && this.#written(conn),
      close: (code, reason) => {
        conn.onClosed?.();
        if (conn.live) this.#lost({ code, reason, cause: 'closed', wasOpen: conn.openedAt !== undefined });
      },
    });
    this.#connectTimer = this.#clock.setTimeout(
      () => this.#giveUp('connect-timeout', 'connect timeout'),
      this.#options.connectTimeoutMs,
    );
  }

  #opened(conn: Connection): void {
    this.#clock.clearTimeout(this.#connectTimer);
    conn.openedAt = this.#clock.now();
    this.#state = 'open';
    this.#heartbeat.start();
    this.#events.open();
  }

  #written(conn: Connection): void {
    const transport = conn.transport;
    if (transport && this.#gate?.isClosed && this.#gate.update(transport.bufferedAmount)) this.#events.drain?.();
  }

  /** This side ends the current connection: it timed out, went silent, or stopped reading. */
  #giveUp(cause: CloseCause, reason: string): void {
    const conn = this.#conn;
    if (!conn?.live) return;
    const wasOpen = conn.openedAt !== undefined;
    this.#detach();
    conn.transport?.terminate();
    this.#lost({ code: CLOSE_ABNORMAL, reason, cause, wasOpen }, conn);
  }

  #lost(info: CloseInfo, conn = this.#detach()): void {
    if (!conn) return;
    const openedAt = conn.openedAt;
    if (openedAt !== undefined && this.#clock.now() - openedAt >= (this.#options.stableMs ?? 0)) this.#attempt = 0;
    this.#state = 'waiting';
    this.#events.closed?.(info);
    // The handler may have stopped the socket or redialled it already.
    if (this.#state !== 'waiting') return;
    const policy = this.#options.backoffAfter?.(info.code) ?? this.#options.backoff;
    const delay = backoffDelay(this.#attempt, policy, this.#options.random ?? Math.random);
    this.#attempt += 1;
    this.#events.retrying?.(delay, this.#attempt);
    this.#retryTimer = this.#clock.setTimeout(() => {
      this.#retryTimer = undefined;
      this.#dial();
    }, delay);
  }

  /** Forgets the current connection: its later events are ignored and its timers stop. */
  #detach(): Connection | undefined {
    const conn = this.#conn;
    this.#conn = undefined;
    this.#clock.clearTimeout(this.#connectTimer);
    this.#heartbeat.stop();
    this.#gate?.update(0);
    if (conn) conn.live = false;
    return conn;
  }
}
