/**
 * A request as the web app sends it: the session cookie, our Origin on mutating calls, and JSON on every
 * mutating call, even a bodyless one (the CSRF check requires the media type). `json` is encoded as the body.
 */
import { ORIGIN } from './auth.ts';

export type BrowserInit = RequestInit & { json?: unknown };

export function browserRequest(path: string, cookie: string, init: BrowserInit = {}): Request {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set('cookie', cookie);
  const mutating = rest.method !== undefined && rest.method !== 'GET';
  if (mutating && !headers.has('origin')) headers.set('origin', ORIGIN);
  const body = json !== undefined ? JSON.stringify(json) : rest.body;
  if (mutating && (json !== undefined || body == null) && !headers.has('content-type')) {
    headers.set('content-type', 'application/json');
  }
  const url = path.startsWith('http') ? path : `${ORIGIN}${path}`;
  return new Request(url, { ...rest, headers, body });
}
