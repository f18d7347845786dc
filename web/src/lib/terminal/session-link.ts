/**
 * The browser's link to one session: resume and state on top of two parts, without DOM or xterm (the socket comes
 * in through `dial`, the terminal through `sink`), so every rule here is tested with fakes.
 * - The connection is `@vibecode/schemas/link`'s ReconnectingSocket: backoff with jitter, a connect timeout, the
 *   `ping`/`pong` heartbeat that drops a silent hub, at-most-once sends (nothing typed while the link is down is
 *   replayed).
 * - Output goes through the OutputPump (order, dedupe, flow control, acks).
 * - On every (re)connect it sends `session.attach {last_seq}`: the gateway replays after it or sends a snapshot.
 *   When the pump's queue overflows it re-attaches from what the terminal already has.
 * - Status, notice and the offline banner are the LinkStateTracker's. A close for sign-out stops the link: every
 *   retry would be refused until the user signs in again.
 */

import {
  CloseCode,
  decodeFrame,
  type MessageByType,
  type MessageType,
  message,
  parseTextFrame,
} from '@vibecode/schemas';
import { type BackoffPolicy, type CloseInfo, type Dial, ReconnectingSocket } from '@vibecode/schemas/link';
import { type AckOptions, defaultAckOptions } from './ack-scheduler.ts';
import { chunkInput } from './input-chunks.ts';
import { endedNotice, type LinkState, LinkStateTracker, SIGNED_OUT_NOTICE } from './link-state.ts';
import { OutputPump, type TerminalSink } from './output-pump.ts';
import { DEFAULT_QUEUE_MAX_BYTES } from './output-queue.ts';

export type AgentStateMessage = MessageByType['session.state'];

export interface SessionLinkOptions {
  sessionNumber: number;
  dial: Dial;
  sink: TerminalSink;
  onState: (state: LinkState) => void;
  /** The session's size, as the hub says whenever it changes (and on attach): the active viewer's (issue 12). */
  onSize?: (size: { cols: number; rows: number }) => void;
  /** What the session's agent is doing (`session.state`), as the gateway reports each change. */
  onAgentState?: (state: AgentStateMessage) => void;
  offlineBannerMs?: number;
  pingMs?: number;
  /** A hub that has sent nothing this long after a ping is taken for dead and redialled. */
  pongTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Bytes handed to the sink whose write callback has not fired yet; the next frame waits below this. */
  maxInflightBytes?: number;
  queueMaxBytes?: number;
  ack?: AckOptions;
  backoff?: BackoffPolicy;
  random?: () => number;
}

const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 15_000 };
/**
 * Outgoing bytes the browser may hold for a hub that stopped reading before the link is dropped: far above a
 * large paste in flight (input goes out in 64 Ki-character messages), far below what would strain the tab.
 */
const SEND_BUFFER_MAX_BYTES = 16 * 1024 * 1024;
/**
 * The hub closes a viewer's socket (CloseCode.SessionEnded) right after `session.ended`; the link waits this long
 * for that close before closing itself, so the close code the page sees is the hub's and not a race with its own.
 */
const ENDED_CLOSE_GRACE_MS = 5_000;

export class SessionLink {
  readonly sessionNumber: number;
  /**
   * Frames dropped because their seq was already received, or because frames before them were missing; re-syncs
   * after the queue bound was hit.
   */
  readonly stats = { duplicates: 0, gaps: 0, resyncs: 0 };

  readonly #socket: ReconnectingSocket;
  readonly #pump: OutputPump;
  readonly #status: LinkStateTracker;
  readonly #ackIntervalMs: number;
  readonly #onSize: SessionLinkOptions['onSize'];
  readonly #onAgentState: SessionLinkOptions['onAgentState'];
  #ackTimer: ReturnType<typeof setInterval> | undefined;
  #endedTimer: ReturnType<typeof setTimeout> | undefined;
  #size: { cols: number; rows: number } | null = null;
  #sentSize = '';
  /** A resume (attach with `last_seq`) is asked and its first frame has not come: gaps until then are expected. */
  #resuming = false;

  constructor(options: SessionLinkOptions) {
    this.sessionNumber = options.sessionNumber;
    this.#onSize = options.onSize;
    this.#onAgentState = options.onAgentState;
    const ack = options.ack ?? defaultAckOptions;
    this.#ackIntervalMs = ack.intervalMs;
    this.#status = new LinkStateTracker(options.offlineBannerMs ?? 30_000, options.onState);
    this.#pump = new OutputPump({
      sink: options.sink,
      maxInflightBytes: options.maxInflightBytes ?? 256 * 1024,
      queueMaxBytes: options.queueMaxBytes ?? DEFAULT_QUEUE_MAX_BYTES,
      ack,
      onAck: (seq) => this.#sendAck(seq),
    });
    this.#socket = new ReconnectingSocket(
      {
        dial: options.dial,
        backoff: options.backoff ?? DEFAULT_BACKOFF,
        connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
        heartbeat: { intervalMs: options.pingMs ?? 25_000, timeoutMs: options.pongTimeoutMs ?? 10_000 },
        sendBuffer: { maxBytes: SEND_BUFFER_MAX_BYTES },
        ...(options.random ? { random: options.random } : {}),
      },
      {
        open: () => this.#onOpen(),
        message: (data) => (typeof data === 'string' ? this.#onText(data) : this.#onBinary(data)),
        closed: (info) => this.#onClosed(info),
      },
    );
  }

  get state(): LinkState {
    return this.#status.state;
  }

  /** Highest seq received (frames past it are new). */
  get receivedSeq(): number {
    return this.#pump.receivedSeq;
  }

  /** Highest seq handed to the terminal. */
  get handedSeq(): number {
    return this.#pump.handedSeq;
  }

  start(): void {
    this.#status.arm();
    this.#socket.start();
  }

  /**
   * Sends keystrokes or pasted text; false (and dropped) when the link is down (input is at-most-once) or the
   * session's program has exited (nothing would read them).
   */
  input(data: string): boolean {
    if (this.#socket.state !== 'open' || this.#status.ended || this.#status.state.status === 'exited') return false;
    for (const chunk of chunkInput(data)) this.#send('session.input', { session_id: this.sessionNumber, data: chunk });
    return true;
  }

  /** What fits this viewer's screen; `claim` ("Fit to this screen") makes it the session's size. */
  resize(cols: number, rows: number, claim = false): void {
    this.#size = { cols, rows };
    this.#sendSize(claim, claim);
  }

  /** "Retry connection": reconnect now, with the backoff reset. */
  retry(): void {
    if (this.#socket.state === 'stopped' || this.#status.ended) return;
    this.#stopAcks();
    this.#status.set({ status: 'reconnecting' });
    this.#socket.reconnectNow();
  }

  dispose(): void {
    this.#stopAcks();
    clearTimeout(this.#endedTimer);
    void this.#socket.stop();
    this.#status.dispose();
    this.#pump.dispose();
  }

  #onOpen(): void {
    this.#sentSize = '';
    this.#status.set({ status: 'connected' });
    // Size first: the hub then makes this viewer the active one before it attaches, so the snapshot is of the pane at
    // this viewer's size and the first size it is told is its own (sent after the attach, it was first told the
    // previous viewer's size and showed that, scaled, until its own resize was answered).
    this.#sendSize();
    this.#attach();
    this.#ackTimer = setInterval(() => this.#pump.tick(), this.#ackIntervalMs);
  }

  #onClosed(info: CloseInfo): void {
    this.#stopAcks();
    if (this.#status.ended) {
      // The hub's close after `session.ended`: nothing to redial to.
      clearTimeout(this.#endedTimer);
      void this.#socket.stop();
      return;
    }
    if (info.code === CloseCode.SignedOut) {
      // Every retry would be refused until the user signs in again: stop, and say so.
      void this.#socket.stop();
      this.#status.set({ status: 'signed-out', notice: SIGNED_OUT_NOTICE });
      return;
    }
    this.#status.set({ status: 'reconnecting' });
  }

  #stopAcks(): void {
    clearInterval(this.#ackTimer);
    this.#ackTimer = undefined;
  }

  #onBinary(bytes: Uint8Array): void {
    const decoded = decodeFrame(bytes);
    if (!decoded.ok || decoded.value.sessionNumber !== this.sessionNumber) return;
    const outcome = this.#pump.frame(decoded.value.seq, decoded.value.payload);
    if (outcome === 'queued') this.#resuming = false;
    else if (outcome === 'duplicate') this.stats.duplicates += 1;
    else if (outcome === 'gap') {
      // Live frames reach a socket before the replay its attach asked for (the hub sends a session's output to
      // every viewer), or bytes went missing: either way the replay from what it holds fills the hole, in order.
      this.stats.gaps += 1;
      if (!this.#resuming) this.#attach();
    } else if (outcome === 'overflow') {
      // Past the queue bound: drop what is queued and ask again from what the terminal already has.
      this.stats.resyncs += 1;
      this.#pump.rewind();
      this.#attach();
    }
  }

  #onText(text: string): void {
    const parsed = parseTextFrame(text);
    if (!parsed.ok) return;
    const msg = parsed.value;
    switch (msg.type) {
      case 'session.snapshot':
        if (msg.session_id !== this.sessionNumber) return;
        this.#pump.snapshot(msg);
        this.#resuming = false;
        return;
      case 'session.ended':
        if (msg.session_id !== this.sessionNumber) return;
        this.#status.set({ status: 'ended', notice: endedNotice(msg.reason), endedReason: msg.reason });
        this.#stopAcks();
        this.#endedTimer = setTimeout(() => void this.#socket.stop(), ENDED_CLOSE_GRACE_MS);
        return;
      case 'session.exited':
        if (msg.session_id !== this.sessionNumber) return;
        this.#status.set({ status: 'exited', exit: { code: msg.code, signal: msg.signal, lines: msg.lines } });
        return;
      case 'session.started':
        // Restarted: its program runs again on the same screen.
        if (msg.session_id === this.sessionNumber && this.#status.state.status === 'exited') {
          this.#status.set({ status: 'connected', exit: null, notice: null });
        }
        return;
      case 'session.error':
        if (msg.session_id === this.sessionNumber) this.#status.set({ notice: msg.error.message });
        return;
      case 'session.size':
        if (msg.session_id === this.sessionNumber) this.#onSize?.({ cols: msg.cols, rows: msg.rows });
        return;
      case 'session.state':
        if (msg.session_id === this.sessionNumber) this.#onAgentState?.(msg);
        return;
      case 'error':
        this.#status.set({ notice: msg.message });
        return;
      case 'gateway.offline':
        this.#status.set({ status: 'offline' });
        return;
      case 'gateway.online':
        this.#status.set({ status: 'connected' });
        this.#sendSize(true);
        this.#attach();
        return;
      default:
        return;
    }
  }

  /**
   * A viewer that holds nothing omits `last_seq`, which asks for a snapshot of the screen (and history) rather
   * than a replay of the whole ring: a replay would re-run every terminal query the session ever printed, and
   * xterm would answer them all again into the shell.
   */
  #attach(): void {
    const seq = this.#pump.receivedSeq;
    this.#resuming = seq > 0;
    this.#send(
      'session.attach',
      seq > 0 ? { session_id: this.sessionNumber, last_seq: seq } : { session_id: this.sessionNumber },
    );
  }

  #sendAck(seq: number): void {
    if (seq > 0) this.#send('session.ack', { session_id: this.sessionNumber, seq });
  }

  #sendSize(force = false, claim = false): void {
    if (!this.#size || this.#socket.state !== 'open') return;
    const key = `${this.#size.cols}x${this.#size.rows}`;
    if (key === this.#sentSize && !force) return;
    this.#sentSize = key;
    this.#send('session.resize', { session_id: this.sessionNumber, ...this.#size, ...(claim ? { claim } : {}) });
  }

  #send<T extends MessageType>(type: T, fields: Omit<MessageByType[T], 'type' | 'schema_version'>): void {
    this.#socket.send(JSON.stringify(message(type, fields)));
  }
}
