/**
 * The Bot API's error shape, `{ok:false, error_code, description, parameters?}`, as one typed error (like grammY's
 * `GrammyError` on the client side). Descriptions follow Telegram's wording: a status prefix ("Bad Request: …").
 */
export interface ErrorBody {
  ok: false;
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

export class BotApiError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
    this.name = 'BotApiError';
  }

  body(): ErrorBody {
    const body: ErrorBody = { ok: false, error_code: this.status, description: this.description };
    if (this.retryAfter !== undefined) body.parameters = { retry_after: this.retryAfter };
    return body;
  }
}

/** A 400 with Telegram's "Bad Request: " prefix. */
export function badRequest(message: string): BotApiError {
  return new BotApiError(400, `Bad Request: ${message}`);
}

export function tooManyRequests(retryAfter: number): BotApiError {
  return new BotApiError(429, `Too Many Requests: retry after ${retryAfter}`, retryAfter);
}

export const unauthorized = (): BotApiError => new BotApiError(401, 'Unauthorized');
export const notFound = (): BotApiError => new BotApiError(404, 'Not Found');
export const entityTooLarge = (): BotApiError => new BotApiError(413, 'Request Entity Too Large');
