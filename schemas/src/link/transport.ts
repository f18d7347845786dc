/**
 * One connection attempt as a runtime adapter hands it to `ReconnectingSocket`: the browser's `WebSocket`
 * (web/src/lib/terminal/browser-transport.ts) or `ws` in Node (gateway/src/link/ws-transport.ts). Adapters are
 * thin: they map their socket's events onto `TransportEvents` and never retry, time out or buffer on their own.
 */
export interface Transport {
  /** Queues a frame; text as a text frame, bytes as a binary frame. */
  send(data: string | Uint8Array): void;
  /** Bytes queued by `send` and not yet written to the network. */
  readonly bufferedAmount: number;
  /** Sends a heartbeat probe: a WebSocket ping where the runtime can send one, else the protocol's `ping`. */
  ping(): void;
  /** Closes with a handshake. */
  close(code: number, reason: string): void;
  /** Drops the connection at once: a dead or stuck peer would never answer a closing handshake. */
  terminate(): void;
}

export interface TransportEvents {
  open(): void;
  message(data: string | Uint8Array): void;
  /** A WebSocket pong arrived. */
  pong(): void;
  /** Some queued bytes were written; runtimes without a write callback (browsers) never call it. */
  written(): void;
  /** The connection (or the attempt) is over; called once. */
  close(code: number, reason: string): void;
}

/** Starts one connection attempt. It must not call `events` before it returns. */
export type Dial = (events: TransportEvents) => Transport;
