/**
 * One browser tab on a VibeCode session, speaking the browser's WebSocket protocol (`/ws/sessions/:id`, session
 * cookie and same Origin): `session.attach` (with `last_seq` when it holds output, else the gateway sends a
 * snapshot), `session.resize`, `session.input`; binary output frames `[kind][session][seq][payload]`, of which it
 * drops seqs it already has; `session.ack` as the web client sends it (after 256 KiB, else on a 250 ms tick), here
 * as soon as a frame arrived — a terminal that writes instantly.
 */
import { decodeFrame, type MessageByType, type MessageType, message, parseTextFrame } from '@vibecode/schemas';
import WebSocket from 'ws';
import type { Browser } from '../../../../test/system/client.ts';
import { OutputLog } from '../../term/output-log.ts';
import { TERM_SIZE } from '../bare-pty.ts';
import { closedBy } from '../closed-by.ts';
import type { ResumableViewer, ResumeKind } from '../system.ts';

const ACK_BYTES = 256 * 1024;
const ACK_TICK_MS = 250;

export interface SessionRef {
  /** The API id (`/ws/sessions/:id`). */
  id: string;
  /** The protocol's session_id. */
  number: number;
}

export class VibeCodeViewer implements ResumableViewer {
  readonly log = new OutputLog();
  resumedBy: ResumeKind | null = null;
  /** Frames dropped because their seq had already arrived. */
  duplicates = 0;
  #ws: WebSocket | null = null;
  #received = 0;
  #acked = 0;
  #sinceAck = 0;
  #decoder = new TextDecoder();
  #ackTimer: ReturnType<typeof setInterval> | undefined;
  #resuming = false;
  #closing = false;

  constructor(
    private readonly browser: Browser,
    private readonly session: SessionRef,
  ) {}

  /** Opens the socket and attaches; resolves once the socket is open (output follows). */
  async connect(): Promise<void> {
    const url = `${this.browser.origin.replace(/^http/, 'ws')}/ws/sessions/${this.session.id}`;
    const ws = new WebSocket(url, { headers: { cookie: this.browser.cookie, origin: this.browser.origin } });
    this.#ws = ws;
    this.#closing = false;
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`session socket refused: ${res.statusCode}`)));
    });
    ws.on('message', (data: Buffer, isBinary) => {
      const at = performance.now();
      if (isBinary) this.#onFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at);
      else this.#onText(data.toString(), at);
    });
    ws.on('close', (code) => {
      clearInterval(this.#ackTimer);
      if (!this.#closing) this.log.fail(new Error(`session socket closed (${code})`));
    });
    this.#send(
      'session.attach',
      this.#received > 0
        ? { session_id: this.session.number, last_seq: this.#received }
        : { session_id: this.session.number },
    );
    this.#send('session.resize', { session_id: this.session.number, ...TERM_SIZE });
    this.#ackTimer = setInterval(() => this.#ack(), ACK_TICK_MS);
  }

  send(text: string): void {
    this.#send('session.input', { session_id: this.session.number, data: text });
  }

  async disconnect(): Promise<void> {
    const ws = this.#ws;
    if (!ws) return;
    this.#closing = true;
    clearInterval(this.#ackTimer);
    // A cut, not a goodbye: the hub sees the socket drop.
    await closedBy(ws, () => ws.terminate());
    this.#ws = null;
  }

  async reconnect(): Promise<void> {
    this.#resuming = true;
    this.resumedBy = null;
    await this.connect();
  }

  async close(): Promise<void> {
    const ws = this.#ws;
    if (!ws) return;
    this.#closing = true;
    clearInterval(this.#ackTimer);
    await closedBy(ws, () => ws.close());
    this.#ws = null;
  }

  #onFrame(bytes: Uint8Array, at: number): void {
    const decoded = decodeFrame(bytes);
    if (!decoded.ok || decoded.value.sessionNumber !== this.session.number) return;
    const { seq, payload } = decoded.value;
    if (seq <= this.#received) {
      this.duplicates += 1;
      return;
    }
    this.#received = seq;
    this.#resumed('replay');
    this.log.push(this.#decoder.decode(payload, { stream: true }), at);
    this.#sinceAck += payload.byteLength;
    if (this.#sinceAck >= ACK_BYTES) this.#ack();
  }

  #onText(text: string, at: number): void {
    const parsed = parseTextFrame(text);
    if (!parsed.ok) return;
    const msg = parsed.value;
    if (msg.type === 'session.snapshot' && msg.session_id === this.session.number) {
      this.#received = msg.seq;
      this.#acked = 0;
      this.#resumed('snapshot');
      this.log.push(msg.text, at);
    } else if (msg.type === 'session.ended' && msg.session_id === this.session.number) {
      this.log.fail(new Error(`session ended (${msg.reason})`));
    }
  }

  #resumed(kind: ResumeKind): void {
    if (!this.#resuming) return;
    this.#resuming = false;
    this.resumedBy = kind;
  }

  #ack(): void {
    if (this.#received <= this.#acked) return;
    this.#acked = this.#received;
    this.#sinceAck = 0;
    this.#send('session.ack', { session_id: this.session.number, seq: this.#received });
  }

  #send<T extends MessageType>(type: T, fields: Omit<MessageByType[T], 'type' | 'schema_version'>): void {
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(JSON.stringify(message(type, fields)));
  }
}
