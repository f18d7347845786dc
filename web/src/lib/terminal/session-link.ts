/**
 * One viewer's link to a session: the WebSocket lifecycle, resume, output ordering and flow control, without DOM
 * or xterm (those come in through `connect` and `sink`), so every rule here is tested with fakes.
 *
 * - Output frames whose seq it already has are dropped; the rest are queued (bounded) and handed to the sink a few
 *   hundred KiB at a time, the next batch only after the sink's write callbacks fire.
 * - Acks report what the sink has written, so a slow terminal throttles the gateway instead of the browser heap.
 * - On (re)connect it sends `session.attach {last_seq}`: the gateway replays after it, or sends a snapshot that
 *   resets the screen (applied only once the sink has drained, so no old byte lands on the new screen).
 * - Reconnects back off with jitter; a socket that has not opened within `connectTimeoutMs` is dropped and
 *   retried, so a handshake that hangs never leaves the viewer stuck. Input is at-most-once: nothing typed while
 *   the link is down is replayed.
 * - After `offlineBannerMs` without a working link (socket down or gateway offline) `banner` turns on.
 */

import {
  decodeFrame,
  type MessageByType,
  type MessageType,
  message,
  parseTextFrame,
  type SessionEnded,
} from '@vibecode/schemas';
import { type AckOptions, AckScheduler, defaultAckOptions } from './ack-scheduler.ts';
import { type BackoffOptions, defaultBackoff, reconnectDelay } from './backoff.ts';
import { chunkInput } from './input-chunks.ts';
import { DEFAULT_QUEUE_MAX_BYTES, type OutputItem, OutputQueue } from './output-queue.ts';
import { snapshotText } from './snapshot.ts';

export type LinkStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'ended';

export interface LinkState {
  status: LinkStatus;
  /** The link has not worked for `offlineBannerMs`: show "Retry connection". */
  banner: boolean;
  /** The last error the hub or gateway reported about this session, safe to show. */
  notice: string | null;
}

/** What the link needs from a WebSocket; `browser-socket.ts` adapts the real one. */
export interface LinkSocket {
  send(text: string): void;
  close(): void;
}

export interface SocketHandlers {
  open(): void;
  text(data: string): void;
  binary(data: Uint8Array): void;
  close(): void;
}

/** The terminal the output goes to: xterm's `write(data, callback)` and `reset()`. */
export interface TerminalSink {
  write(data: Uint8Array | string, done: () => void): void;
  reset(): void;
}

export interface SessionLinkOptions {
  sessionId: number;
  connect: (handlers: SocketHandlers) => LinkSocket;
  sink: TerminalSink;
  onState: (state: LinkState) => void;
  offlineBannerMs?: number;
  pingMs?: number;
  connectTimeoutMs?: number;
  /** Bytes handed to the sink whose write callback has not fired yet; the next frame waits below this. */
  maxInflightBytes?: number;
  queueMaxBytes?: number;
  ack?: AckOptions;
  backoff?: BackoffOptions;
  random?: () => number;
}

type Timer = ReturnType<typeof setTimeout>;

/** What the viewer reads when its session ends, by the gateway's reason (a record, so a new reason needs copy). */
const ENDED_NOTICES: Record<SessionEnded['reason'], string> = {
  ended: 'This session was ended.',
  exited: 'The program in this session exited.',
  lost: 'This session is gone: its server restarted.',
};

export function endedNotice(reason: SessionEnded['reason']): string {
  return ENDED_NOTICES[reason];
}

export class SessionLink {
  readonly sessionId: number;
  /** Frames dropped because their seq was already received; re-syncs after the queue bound was hit. */
  readonly stats = { duplicates: 0, resyncs: 0 };

  #opts: Required<Omit<SessionLinkOptions, 'sessionId' | 'connect' | 'sink' | 'onState'>>;
  #connect: SessionLinkOptions['connect'];
  #sink: TerminalSink;
  #onState: SessionLinkOptions['onState'];
  #queue: OutputQueue;
  #acks: AckScheduler;

  #socket: LinkSocket | null = null;
  #generation = 0;
  #open = false;
  #disposed = false;
  #attempt = 0;
  #state: LinkState = { status: 'connecting', banner: false, notice: null };
  #received = 0;
  #handed = 0;
  #inflight = 0;
  #pumping = false;
  #size: { cols: number; rows: number } | null = null;
  #sentSize = '';
  #reconnectTimer: Timer | undefined;
  #connectTimer: Timer | undefined;
  #bannerTimer: Timer | undefined;
  #ackTimer: ReturnType<typeof setInterval> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;

  constructor(options: SessionLinkOptions) {
    this.sessionId = options.sessionId;
    this.#connect = options.connect;
    this.#sink = options.sink;
    this.#onState = options.onState;
    this.#opts = {
      offlineBannerMs: options.offlineBannerMs ?? 30_000,
      pingMs: options.pingMs ?? 25_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      maxInflightBytes: options.maxInflightBytes ?? 256 * 1024,
      queueMaxBytes: options.queueMaxBytes ?? DEFAULT_QUEUE_MAX_BYTES,
      ack: options.ack ?? defaultAckOptions,
      backoff: options.backoff ?? defaultBackoff,
      random: options.random ?? Math.random,
    };
    this.#queue = new OutputQueue(this.#opts.queueMaxBytes);
    this.#acks = new AckScheduler(this.#opts.ack);
  }

  get state(): LinkState {
    return this.#state;
  }

  /** Highest seq received (frames past it are new). */
  get receivedSeq(): number {
    return this.#received;
  }

  /** Highest seq handed to the terminal. */
  get handedSeq(): number {
    return this.#handed;
  }

  start(): void {
    this.#armBanner();
    this.#dial();
  }

  /** Sends keystrokes or pasted text; false (and dropped) when the link is down: input is at-most-once. */
  input(data: string): boolean {
    if (!this.#open || this.#state.status === 'ended') return false;
    for (const chunk of chunkInput(data)) this.#send('session.input', { session_id: this.sessionId, data: chunk });
    return true;
  }

  resize(cols: number, rows: number): void {
    this.#size = { cols, rows };
    this.#sendSize();
  }

  /** "Retry connection": reconnect now, with the backoff reset. */
  retry(): void {
    if (this.#disposed || this.#state.status === 'ended') return;
    clearTimeout(this.#reconnectTimer);
    this.#attempt = 0;
    this.#hangUp();
    this.#setState({ status: 'reconnecting' });
    this.#dial();
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#reconnectTimer);
    clearTimeout(this.#bannerTimer);
    this.#hangUp();
    this.#queue.clear();
  }

  #dial(): void {
    const generation = ++this.#generation;
    const live = () => generation === this.#generation && !this.#disposed;
    this.#socket = this.#connect({
      open: () => live() && this.#onOpen(),
      text: (data) => live() && this.#onText(data),
      binary: (data) => live() && this.#onBinary(data),
      close: () => live() && this.#onClose(),
    });
    this.#connectTimer = setTimeout(() => live() && !this.#open && this.#onClose(), this.#opts.connectTimeoutMs);
  }

  #hangUp(): void {
    this.#generation += 1;
    this.#open = false;
    clearTimeout(this.#connectTimer);
    clearInterval(this.#ackTimer);
    clearInterval(this.#pingTimer);
    const socket = this.#socket;
    this.#socket = null;
    socket?.close();
  }

  #onOpen(): void {
    clearTimeout(this.#connectTimer);
    this.#open = true;
    this.#attempt = 0;
    this.#sentSize = '';
    this.#setState({ status: 'connected' });
    this.#attach();
    this.#sendSize();
    this.#ackTimer = setInterval(() => {
      const seq = this.#acks.tick();
      if (seq !== null) this.#sendAck(seq);
    }, this.#opts.ack.intervalMs);
    this.#pingTimer = setInterval(() => this.#send('ping', {}), this.#opts.pingMs);
  }

  #onClose(): void {
    this.#hangUp();
    if (this.#state.status === 'ended') return;
    this.#setState({ status: 'reconnecting' });
    const delay = reconnectDelay(this.#attempt, this.#opts.random, this.#opts.backoff);
    this.#attempt += 1;
    this.#reconnectTimer = setTimeout(() => this.#dial(), delay);
  }

  #onBinary(bytes: Uint8Array): void {
    const decoded = decodeFrame(bytes);
    if (!decoded.ok || decoded.value.sessionId !== this.sessionId) return;
    const { seq, payload } = decoded.value;
    if (seq <= this.#received) {
      this.stats.duplicates += 1;
      return;
    }
    if (!this.#queue.push({ kind: 'frame', seq, payload })) {
      this.#resync();
      return;
    }
    this.#received = seq;
    this.#pump();
  }

  #onText(text: string): void {
    const parsed = parseTextFrame(text);
    if (!parsed.ok) return;
    const msg = parsed.value;
    switch (msg.type) {
      case 'session.snapshot':
        if (msg.session_id !== this.sessionId) return;
        // Everything not yet handed to the terminal predates the snapshot, which replaces the screen.
        this.#queue.clear();
        this.#queue.push({ kind: 'snapshot', snapshot: msg });
        this.#received = msg.seq;
        this.#pump();
        return;
      case 'session.ended':
        if (msg.session_id !== this.sessionId) return;
        this.#setState({ status: 'ended', notice: endedNotice(msg.reason) });
        this.#hangUp();
        return;
      case 'session.error':
        if (msg.session_id === this.sessionId) this.#setState({ notice: msg.error.message });
        return;
      case 'error':
        this.#setState({ notice: msg.message });
        return;
      case 'gateway.offline':
        this.#setState({ status: 'offline' });
        return;
      case 'gateway.online':
        this.#setState({ status: 'connected' });
        this.#attach();
        this.#sendSize(true);
        return;
      default:
        return;
    }
  }

  /** The queue bound was hit: drop what is queued and ask again from what the terminal already has. */
  #resync(): void {
    this.stats.resyncs += 1;
    this.#queue.clear();
    this.#received = this.#handed;
    this.#attach();
  }

  /**
   * A viewer that holds nothing omits `last_seq`, which asks for a snapshot of the screen (and history) rather
   * than a replay of the whole ring: a replay would re-run every terminal query the session ever printed, and
   * xterm would answer them all again into the shell.
   */
  #attach(): void {
    this.#send(
      'session.attach',
      this.#received > 0 ? { session_id: this.sessionId, last_seq: this.#received } : { session_id: this.sessionId },
    );
  }

  #pump(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (let item = this.#queue.peek(); item; item = this.#queue.peek()) {
        if (item.kind === 'snapshot' ? this.#inflight > 0 : this.#inflight >= this.#opts.maxInflightBytes) return;
        this.#queue.shift();
        this.#hand(item);
      }
    } finally {
      this.#pumping = false;
    }
  }

  #hand(item: OutputItem): void {
    if (item.kind === 'snapshot') {
      const text = snapshotText(item.snapshot);
      this.#sink.reset();
      this.#handed = item.snapshot.seq;
      this.#acks.resetTo(item.snapshot.seq);
      this.#write(text, text.length, () => {});
      return;
    }
    const { seq, payload } = item;
    this.#handed = seq;
    this.#write(payload, payload.byteLength, () => {
      const ack = this.#acks.written(seq, payload.byteLength);
      if (ack !== null) this.#sendAck(ack);
    });
  }

  #write(data: Uint8Array | string, bytes: number, written: () => void): void {
    this.#inflight += bytes;
    this.#sink.write(data, () => {
      this.#inflight -= bytes;
      if (this.#disposed) return;
      written();
      this.#pump();
    });
  }

  #sendAck(seq: number): void {
    if (seq > 0) this.#send('session.ack', { session_id: this.sessionId, seq });
  }

  #sendSize(force = false): void {
    if (!this.#size || !this.#open) return;
    const key = `${this.#size.cols}x${this.#size.rows}`;
    if (key === this.#sentSize && !force) return;
    this.#sentSize = key;
    this.#send('session.resize', { session_id: this.sessionId, ...this.#size });
  }

  #send<T extends MessageType>(type: T, fields: Omit<MessageByType[T], 'type' | 'schema_version'>): void {
    if (this.#open) this.#socket?.send(JSON.stringify(message(type, fields)));
  }

  #setState(patch: Partial<LinkState>): void {
    const next = { ...this.#state, ...patch };
    if (next.status === 'connected' || next.status === 'ended') {
      next.banner = false;
      clearTimeout(this.#bannerTimer);
      this.#bannerTimer = undefined;
    }
    const changed =
      next.status !== this.#state.status || next.banner !== this.#state.banner || next.notice !== this.#state.notice;
    this.#state = next;
    if (next.status !== 'connected' && next.status !== 'ended') this.#armBanner();
    if (changed) this.#onState(next);
  }

  #armBanner(): void {
    if (this.#bannerTimer !== undefined || this.#state.banner || this.#disposed) return;
    this.#bannerTimer = setTimeout(() => {
      this.#bannerTimer = undefined;
      this.#setState({ banner: true });
    }, this.#opts.offlineBannerMs);
  }
}
