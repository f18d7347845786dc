/**
 * WebSocket close codes the hub sends to gateways and viewers (4000–4999 is the application range): part of the
 * protocol, so both ends read them from here.
 */
export const CloseCode = {
  /** A newer gateway socket with the same credential took over. */
  Replaced: 4000,
  /** The first text frame from the gateway was not a valid `gateway.hello` for this gateway. */
  HelloRequired: 4001,
  /** No ping, input or ack for the idle period. */
  Idle: 4002,
  /** The session ended; nothing more will flow on this socket. */
  SessionEnded: 4003,
  /** A viewer left more output unacked than VIEWER_BACKLOG_MAX_BYTES: it stopped reading, or cannot keep up. */
  TooFarBehind: 4004,
  /** The viewer's web session was signed out or revoked: the browser must sign in again. */
  SignedOut: 4005,
  /** The gateway's hello named a protocol version (`schema_version`) this hub does not speak. */
  SchemaUnsupported: 4010,
} as const;
