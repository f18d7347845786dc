/**
 * The gateway's one WebSocket to its hub: Bearer auth on the upgrade, reconnect with backoff and jitter,
 * WebSocket ping/pong heartbeat, a bounded inbound frame size, and a high/low water mark on the send buffer.
 */
import { MAX_TEXT_FRAME_BYTES } from '@vibecode/schemas';
import WebSocket from 'ws';
import type { Logger } from '../log.ts';
import { FlowGate } from '../output/flow-gate.ts';
import { backoffDelayMs, SCHEMA_UNSUPPORTED_BACKOFF } from './backoff.ts';

export interface LinkOptions {
  url: string;
  credential: string;
  heartbeatMs: number;
  log: Logger;
  random?: () => number;
}

export interface LinkHandlers {
  /** The socket is open; the hello goes first. */
  onOpen(link: OpenLink): void;
  onText(text: string, link: OpenLink): void;
  onBinary(link: OpenLink): void;
  /** The open socket closed; a reconnect is scheduled. */
  onClose(): void;
  /** The send buffer fell below its low-water mark after being congested. */
  onDrain(): void;
}

export interface OpenLink {
  sendText(text: string): void;
  sendFrame(frame: Uint8Array): void;
  congested(): boolean;
}

/**
 * Inbound frames larger than this close the socket (1009). It sits a little above the protocol's 1 MiB text
 * limit, so a frame just over that limit is answered with a typed error and the link carries on.
 */
export const MAX_PAYLOAD_BYTES = MAX_TEXT_FRAME_BYTES + 64 * 1024;
/** Send-buffer marks: output stops being read above HIGH and resumes below LOW. */
export const SEND_HIGH_WATER = 1024 * 1024;
export const SEND_LOW_WATER = 256 * 1024;
/** A connection that lasted this long resets the backoff. */
const STABLE_MS = 10_000;
/** The hub's close code for a hello whose schema_version it does not speak (see schemas/README.md "Updates"). */
export const CLOSE_SCHEMA_UNSUPPORTED = 4010;

export class Link {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly gate = new FlowGate(SEND_HIGH_WATER, SEND_LOW_WATER);

  constructor(
    private readonly options: LinkOptions,
    private readonly handlers: LinkHandlers,
  ) {}

  start(): void {
    this.connect();
  }

  /** Closes the socket with 1001 (going away) and stops reconnecting. */
  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const done = setTimeout(() => {
        ws.terminate();
        resolve();
      }, 2000);
      ws.once('close', () => {
        clearTimeout(done);
        resolve();
      });
      ws.close(1001, 'gateway shutting down');
    });
  }

  private connect(): void {
    const { log } = this.options;
    const ws = new WebSocket(this.options.url, {
      headers: { Authorization: `Bearer ${this.options.credential}` },
      maxPayload: MAX_PAYLOAD_BYTES,
      perMessageDeflate: false,
      handshakeTimeout: 15_000,
    });
    this.ws = ws;
    let openedAt: number | undefined;
    let alive = true;

    const open: OpenLink = {
      sendText: (text) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(text, (e) => this.afterSend(ws, e));
      },
      sendFrame: (frame) => {
        if (ws.readyState !== WebSocket.OPEN) return;
        ws.send(frame, { binary: true }, (e) => this.afterSend(ws, e));
        this.gate.update(ws.bufferedAmount);
      },
      congested: () => this.gate.isClosed,
    };

    ws.on('open', () => {
      openedAt = Date.now();
      log.info('link open', { url: this.options.url });
      this.heartbeat = setInterval(() => {
        if (!alive) {
          log.warn('link heartbeat missed; reconnecting');
          ws.terminate();
          return;
        }
        alive = false;
        ws.ping();
      }, this.options.heartbeatMs);
      this.handlers.onOpen(open);
    });
    ws.on('pong', () => {
      alive = true;
    });
    ws.on('message', (data, isBinary) => {
      alive = true;
      if (isBinary) this.handlers.onBinary(open);
      else this.handlers.onText((data as Buffer).toString('utf8'), open);
    });
    ws.on('unexpected-response', (_req, res) => {
      log.warn('link refused by the hub', { status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.on('error', (e) => {
      log.warn('link error', { error: e.message, code: (e as NodeJS.ErrnoException).code });
    });
    ws.on('close', (code, reason) => {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
      if (this.ws === ws) this.ws = undefined;
      const wasOpen = openedAt !== undefined;
      if (wasOpen) {
        log.info('link closed', { code, reason: reason.toString('utf8').slice(0, 120) });
        if (Date.now() - (openedAt ?? 0) >= STABLE_MS) this.attempt = 0;
        this.gate.update(0);
        this.handlers.onClose();
      }
      if (code === CLOSE_SCHEMA_UNSUPPORTED)
        log.error('the hub does not speak this gateway schema version; update the gateway', { code });
      this.scheduleReconnect(code === CLOSE_SCHEMA_UNSUPPORTED);
    });
  }

  private afterSend(ws: WebSocket, error: Error | undefined): void {
    if (error || ws !== this.ws) return;
    if (this.gate.isClosed && this.gate.update(ws.bufferedAmount)) this.handlers.onDrain();
  }

  private scheduleReconnect(unsupported = false): void {
    if (this.stopped) return;
    const random = this.options.random ?? Math.random;
    // Redialling soon would only be refused again, until the control plane or this gateway is upgraded.
    const delay = unsupported
      ? backoffDelayMs(0, random, SCHEMA_UNSUPPORTED_BACKOFF)
      : backoffDelayMs(this.attempt, random);
    this.attempt += 1;
    this.options.log.info('link reconnecting', { in_ms: delay, attempt: this.attempt });
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }
}
