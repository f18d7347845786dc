/**
 * `@vibecode/schemas/link`: the reconnecting WebSocket core shared by the browser's session link and the gateway's
 * hub link, runtime-neutral (no DOM or Node types; each runtime brings a `Dial` adapter).
 */
export { type BackoffPolicy, backoffDelay } from './backoff.ts';
export { type Clock, systemClock, type TimerHandle } from './clock.ts';
export { FlowGate } from './flow-gate.ts';
export type { HeartbeatOptions } from './heartbeat.ts';
export {
  CLOSE_ABNORMAL,
  type CloseCause,
  type CloseInfo,
  ReconnectingSocket,
  type ReconnectingSocketOptions,
  type SendBufferOptions,
  type SocketEvents,
  type SocketState,
} from './reconnecting-socket.ts';
export type { Dial, Transport, TransportEvents } from './transport.ts';
