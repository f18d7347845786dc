/**
 * The one error a push request can end in: an HTTP status and a short reason, answered as `{"error": reason}` (the
 * stand-in's own wording; push services each word theirs differently). Mapped to a reply once, in server.ts.
 */
export class PushError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'PushError';
  }
}

export const badRequest = (reason: string): PushError => new PushError(400, reason);
export const unauthorized = (reason: string): PushError => new PushError(401, reason);
export const forbidden = (reason: string): PushError => new PushError(403, reason);
