/**
 * DigitalOcean API requests: bearer auth, JSON, errors mapped to `CloudError` codes, and the retry rules:
 *   429 → wait as told (bounded by `maxRateLimitWaitMs`) and retry, for every method: the request was refused
 *         before it was processed;
 *   5xx / network failure → exponential backoff with jitter, only for GET and DELETE, which are safe to repeat;
 *         a POST (create, power action) is not repeated, so a lost reply never creates a second droplet.
 * Every path gives up after `maxAttempts` tries.
 */
import { backoffDelay } from '@vibecode/schemas/link';
import type { Logger } from '@vibecode/schemas/log';
import { CloudError, type CloudErrorCode } from './cloud-error.ts';
import { type RetryPolicy, rateLimitWaitMs, retryBackoff } from './retry.ts';

export interface HttpDeps {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
  retry: RetryPolicy;
  log?: Logger;
}

const STATUS_CODES: Record<number, CloudErrorCode> = {
  400: 'cloud.invalid_request',
  401: 'cloud.unauthorized',
  403: 'cloud.forbidden',
  404: 'cloud.not_found',
  422: 'cloud.invalid_request',
  429: 'cloud.rate_limited',
};

/** DigitalOcean's `{id, message}` error body; its message is shown, bounded, never our request's secrets. */
async function describe(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: unknown };
    if (typeof body.message === 'string') return body.message.slice(0, 300);
  } catch {
    // Not JSON: fall through to the status line.
  }
  return `HTTP ${res.status}`;
}

export async function errorFromResponse(res: Response, now: number): Promise<CloudError> {
  const code = STATUS_CODES[res.status] ?? (res.status >= 500 ? 'cloud.unavailable' : 'cloud.bad_response');
  const details =
    res.status === 429 ? { status: 429, retryAfterMs: rateLimitWaitMs(res.headers, now) } : { status: res.status };
  return new CloudError(code, `DigitalOcean: ${await describe(res)}`, details);
}

export async function doRequest(
  deps: HttpDeps,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  accessToken: string,
  body?: unknown,
): Promise<unknown> {
  const repeatable = method !== 'POST';
  const { retry } = deps;
  // Only the path is logged: query strings and bodies stay out of logs.
  const where = { method, path: new URL(url).pathname };
  const wait = async (ms: number, attempt: number, reason: string) => {
    deps.log?.warn('cloud request retrying', { ...where, reason, attempt: attempt + 1, wait_ms: ms });
    await deps.sleep(ms);
  };
  for (let attempt = 0; ; attempt++) {
    const last = attempt + 1 >= retry.maxAttempts;
    let res: Response;
    try {
      res = await deps.fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${accessToken}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      if (!repeatable || last) throw new CloudError('cloud.unavailable', 'DigitalOcean could not be reached.');
      await wait(backoffDelay(attempt, retryBackoff(retry), deps.random), attempt, 'unreachable');
      continue;
    }
    if (res.ok) {
      if (res.status === 204) return null;
      try {
        return await res.json();
      } catch {
        throw new CloudError('cloud.bad_response', 'DigitalOcean sent a reply that is not JSON.', {
          status: res.status,
        });
      }
    }
    const err = await errorFromResponse(res, deps.now());
    if (last) throw err;
    if (err.code === 'cloud.rate_limited') {
      const told = err.details.retryAfterMs ?? 0;
      if (told > retry.maxRateLimitWaitMs) throw err;
      // A little jitter so clients told the same reset time do not all return at once.
      await wait(told + Math.floor(deps.random() * retry.baseDelayMs), attempt, 'rate_limited');
      continue;
    }
    if (err.code === 'cloud.unavailable' && repeatable) {
      await wait(backoffDelay(attempt, retryBackoff(retry), deps.random), attempt, `status ${res.status}`);
      continue;
    }
    throw err;
  }
}
