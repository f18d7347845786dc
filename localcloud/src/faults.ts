import { HOURLY_LIMIT } from './rate-limit.ts';

/**
 * Test-only fault injection: the next `count` requests whose path starts with `path_prefix` (and, if given, whose
 * method matches) are answered with `status` in DigitalOcean's error shape instead of being served. Set through
 * `POST /_localcloud/faults`; nothing in DigitalOcean's API corresponds to it.
 */

/** At most this many faults wait at once; more is a test bug, refused with 400. */
export const MAX_PENDING_FAULTS = 32;

export interface Fault {
  pathPrefix: string;
  method?: string;
  status: number;
  remaining: number;
  /** For 429: seconds until `ratelimit-reset`, also sent as `Retry-After`. */
  retryAfterSeconds: number;
}

export class Faults {
  private pending: Fault[] = [];

  add(input: Record<string, unknown>): Fault | string {
    const { path_prefix, status, count = 1, method, retry_after = 1 } = input;
    if (typeof path_prefix !== 'string' || !path_prefix.startsWith('/')) return 'path_prefix must start with /';
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
      return 'status must be an integer from 400 to 599';
    }
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 100) {
      return 'count must be an integer from 1 to 100';
    }
    if (method !== undefined && typeof method !== 'string') return 'method must be a string';
    if (typeof retry_after !== 'number' || retry_after < 0 || retry_after > 3600) {
      return 'retry_after must be 0..3600 seconds';
    }
    if (this.pending.length >= MAX_PENDING_FAULTS) return `at most ${MAX_PENDING_FAULTS} faults may be pending`;
    const fault: Fault = {
      pathPrefix: path_prefix,
      method: method?.toUpperCase(),
      status,
      remaining: count,
      retryAfterSeconds: retry_after,
    };
    this.pending.push(fault);
    return fault;
  }

  clear(): void {
    this.pending = [];
  }

  /** Consumes one use of the first fault that matches, if any. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.pending.find((f) => path.startsWith(f.pathPrefix) && (!f.method || f.method === method));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.pending = this.pending.filter((f) => f !== fault);
    return fault;
  }
}

const ERROR_IDS: Record<number, [string, string]> = {
  429: ['too_many_requests', 'API rate limit exceeded.'],
  500: ['server_error', 'Unexpected server-side error'],
  502: ['bad_gateway', 'Bad gateway'],
  503: ['service_unavailable', 'Service is temporarily unavailable'],
  504: ['gateway_timeout', 'Gateway timeout'],
};

export function faultReply(fault: Fault, nowMs: number) {
  const [id, message] = ERROR_IDS[fault.status] ?? ['error', `Injected error ${fault.status}`];
  const limited = fault.status === 429;
  // Every DigitalOcean reply carries the quota headers; a 429 says the quota is spent until `ratelimit-reset`.
  const headers: Record<string, string> = {
    'ratelimit-limit': String(HOURLY_LIMIT),
    'ratelimit-remaining': limited ? '0' : String(HOURLY_LIMIT - 1),
    'ratelimit-reset': String(Math.ceil(nowMs / 1000) + (limited ? fault.retryAfterSeconds : 3600)),
  };
  if (limited) headers['retry-after'] = String(fault.retryAfterSeconds);
  return { status: fault.status, body: { id, message }, headers };
}
