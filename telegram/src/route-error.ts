/**
 * The one error type of the bot's HTTP routes (webhook and link API), like core's ApiError: a status, a dotted code
 * and a message safe to show (never a secret or a token). `toResponse` is the only place it becomes
 * `{error: {code, message}}`.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class RouteError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RouteError';
  }

  toResponse(): Response {
    return Response.json({ error: { code: this.code, message: this.message } }, { status: this.status });
  }
}
