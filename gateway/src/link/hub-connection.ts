/**
 * Keeps the gateway's one WebSocket to its hub up, on `@vibecode/schemas/link`'s ReconnectingSocket over `ws`
 * (ws-transport.ts): reconnect with backoff and jitter, a connect timeout, ping/pong heartbeat, and high/low water
 * marks on the send buffer that pause session output. Each open connection is handed out as a fresh `HubLink`.
 */
import type { GatewayEvent } from '@vibecode/schemas';
import { type BackoffPolicy, ReconnectingSocket } from '@vibecode/schemas/link';
import type { Logger } from '@vibecode/schemas/log';
import type { HubLink } from './hub-link.ts';
import { wsTransport } from './ws-transport.ts';

export interface HubConnectionOptions {
  url: string;
  credential: string;
  heartbeatMs: number;
  log: Logger;
  random?: () => number;
}

export interface HubConnectionHandlers {
  /** A connection opened; the hello goes first. */
  onOpen(link: HubLink): void;
  onText(text: string, link: HubLink): void;
  onBinary(link: HubLink): void;
  /** The open connection closed; a reconnect is scheduled. */
  onClose(): void;
  /** The send buffer fell below its low-water mark after being congested. */
  onDrain(): void;
}

export const LINK_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000 };
/** A hub that closed 4010 (schema unsupported) will not change its mind soon: 5–10 min between tries. */
const SCHEMA_UNSUPPORTED_BACKOFF: BackoffPolicy = { baseMs: 600_000, capMs: 600_000 };
/** The hub's close code for a hello whose schema_version it does not speak (see schemas/README.md "Updates"). */
const CLOSE_SCHEMA_UNSUPPORTED = 4010;
/** Send-buffer marks: output stops being read above HIGH and resumes below LOW. */
const SEND_HIGH_WATER = 1024 * 1024;
const SEND_LOW_WATER = 256 * 1024;
/**
 * Past this the hub is taken to have stopped reading and the connection is dropped. Output pauses at the high
 * mark, so only control frames go on past it; the largest legitimate burst, every session's replay and snapshot
 * after a reconnect (5 × ~2 MiB), stays well below.
 */
const SEND_BUFFER_MAX_BYTES = 16 * 1024 * 1024;
const CONNECT_TIMEOUT_MS = 15_000;
/** A connection that lasted this long resets the backoff. */
const STABLE_MS = 10_000;

export class HubConnection {
  readonly #socket: ReconnectingSocket;
  /** Counts opened connections; a HubLink works only while its own is the open one. */
  #opens = 0;

  constructor(options: HubConnectionOptions, handlers: HubConnectionHandlers) {
    const { log } = options;
    let link: HubLink | undefined;
    this.#socket = new ReconnectingSocket(
      {
        dial: wsTransport(options.url, options.credential, log),
        backoff: LINK_BACKOFF,
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
        heartbeat: { intervalMs: options.heartbeatMs, timeoutMs: options.heartbeatMs },
        sendBuffer: { maxBytes: SEND_BUFFER_MAX_BYTES, marks: { high: SEND_HIGH_WATER, low: SEND_LOW_WATER } },
        stableMs: STABLE_MS,
        // Redialling soon would only be refused again, until the control plane or this gateway is upgraded.
        backoffAfter: (code) => (code === CLOSE_SCHEMA_UNSUPPORTED ? SCHEMA_UNSUPPORTED_BACKOFF : undefined),
        ...(options.random ? { random: options.random } : {}),
      },
      {
        open: () => {
          log.info('link open', { url: options.url });
          link = this.#link();
          handlers.onOpen(link);
        },
        message: (data) => {
          if (!link) return;
          if (typeof data === 'string') handlers.onText(data, link);
          else handlers.onBinary(link);
        },
        closed: ({ code, reason, cause, wasOpen }) => {
          link = undefined;
          this.#opens += 1;
          if (cause === 'heartbeat') log.warn('link heartbeat missed; reconnecting');
          if (cause === 'send-overflow') log.warn('link send buffer full: the hub stopped reading; reconnecting');
          if (wasOpen) {
            log.info('link closed', { code, reason: reason.slice(0, 120) });
            handlers.onClose();
          }
          if (code === CLOSE_SCHEMA_UNSUPPORTED) {
            log.error('the hub does not speak this gateway schema version; update the gateway', { code });
          }
        },
        retrying: (delayMs, attempt) => log.info('link reconnecting', { in_ms: delayMs, attempt }),
        drain: () => handlers.onDrain(),
      },
    );
  }

  start(): void {
    this.#socket.start();
  }

  /** Closes with 1001 (going away) and stops reconnecting. */
  stop(): Promise<void> {
    return this.#socket.stop(1001, 'gateway shutting down');
  }

  #link(): HubLink {
    const opened = ++this.#opens;
    const live = () => opened === this.#opens;
    const send = (data: string | Uint8Array) => {
      if (live()) this.#socket.send(data);
    };
    return {
      send: (event: GatewayEvent) => send(JSON.stringify(event)),
      sendFrame: (frame) => send(frame),
      congested: () => live() && this.#socket.congested,
    };
  }
}
