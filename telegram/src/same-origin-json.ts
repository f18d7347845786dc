/**
 * Core's CSRF rule for a mutating call of the bot's own routes (the link API, the Mini App's sign-in): our Origin
 * (core's `RequestChecks.isSameOrigin`), and JSON, which an HTML form cannot send.
 */
import type { RequestChecks } from '@vibecode/core/ports';
import type { Context } from 'hono';
import { RouteError } from './route-error.ts';

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function requireSameOriginJson(c: Context, requests: RequestChecks): void {
  if (!requests.isSameOrigin(c.req.raw)) {
    throw new RouteError(403, 'http.cross_origin', 'cross-origin request refused');
  }
  if (mediaType(c.req.header('content-type')) !== 'application/json') {
    throw new RouteError(415, 'http.unsupported_media_type', 'Content-Type must be application/json');
  }
}
