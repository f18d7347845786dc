/**
 * Failures the gateway reports over the link. Every one carries a dotted code that matches the protocol's
 * `ErrorCode` pattern; the message is for people and never contains secrets or file contents.
 */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  get detail(): { code: string; message: string } {
    return { code: this.code, message: this.message.slice(0, 1024) };
  }
}

/** Wraps anything thrown into a GatewayError; unexpected failures get `fallbackCode` and a short message. */
export function toGatewayError(e: unknown, fallbackCode: string): GatewayError {
  if (e instanceof GatewayError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new GatewayError(fallbackCode, message);
}
