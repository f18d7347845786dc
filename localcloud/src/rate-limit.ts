/**
 * DigitalOcean's request quota, per access token: 5,000 requests an hour, reported on every /v2 reply as
 * `ratelimit-limit`, `ratelimit-remaining` and `ratelimit-reset` (Unix seconds), and 429 once it is used up.
 */

export const HOURLY_LIMIT = 5000;
const WINDOW_MS = 3_600_000;

export interface Quota {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(
    private readonly now: () => number,
    private readonly limit = HOURLY_LIMIT,
  ) {}

  take(key: string): Quota {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= WINDOW_MS) {
      w = { start: t, used: 0 };
      this.windows.set(key, w);
    }
    const allowed = w.used < this.limit;
    if (allowed) w.used += 1;
    return { allowed, headers: this.headersFor(w) };
  }

  private headersFor(w: { start: number; used: number }): Record<string, string> {
    return {
      'ratelimit-limit': String(this.limit),
      'ratelimit-remaining': String(Math.max(0, this.limit - w.used)),
      'ratelimit-reset': String(Math.ceil((w.start + WINDOW_MS) / 1000)),
    };
  }
}
