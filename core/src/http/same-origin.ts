/**
 * CSRF defence for every mutating route and every WebSocket upgrade: the request must come from our own
 * origin. A missing Origin is accepted only with `Sec-Fetch-Site: same-origin` (browsers send one or the other);
 * machine-to-machine routes (gateway registration) don't use this and authenticate by token instead.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from './api-error.ts';
import { isSameOrigin } from './origin-rule.ts';

const crossOrigin = () => new ApiError(403, 'http.cross_origin', 'cross-origin request refused');

/** The media type of a Content-Type header, lower-cased and without parameters. */
export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** With `json` (the default) the body must also be `application/json`, which an HTML form cannot send. */
export function sameOrigin(options: { json?: boolean } = {}): MiddlewareHandler<AppEnv> {
  const json = options.json ?? true;
  return async (c, next) => {
    if (!isSameOrigin(c.req.raw)) throw crossOrigin();
    if (json && mediaType(c.req.header('content-type')) !== 'application/json') {
      throw new ApiError(415, 'http.unsupported_media_type', 'Content-Type must be application/json');
    }
    await next();
  };
}

/** For WebSocket upgrades, which carry no body: the Origin header is required and must be ours. */
export function checkWebSocketOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  if (origin === null || origin !== new URL(request.url).origin) throw crossOrigin();
}
