/**
 * Fixed-window counters in KV (seed §9.5: 5 sign-in mails per address and 20 per IP per hour). KV has no
 * atomic increment, so parallel requests can each see the same count and overshoot a limit by a few; that is
 * acceptable for abuse throttling (single-use tokens live in D1, where it would not be).
 */
export type RateLimitRule = { name: string; limit: number; windowMs: number };
export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export const MAGIC_LINK_PER_EMAIL: RateLimitRule = { name: 'magic_link_email', limit: 5, windowMs: 3_600_000 };
export const MAGIC_LINK_PER_IP: RateLimitRule = { name: 'magic_link_ip', limit: 20, windowMs: 3_600_000 };

/** The slice of a KV namespace the counters use. */
export interface CounterStore {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options: { expirationTtl: number }): Promise<void>;
}

/** Local KV refuses shorter TTLs, and production KV's minimum is the same. */
const MIN_KV_TTL_SECONDS = 60;

export function rateWindow(rule: RateLimitRule, now: number): { start: number; secondsLeft: number } {
  const start = Math.floor(now / rule.windowMs) * rule.windowMs;
  return { start, secondsLeft: Math.max(1, Math.ceil((start + rule.windowMs - now) / 1000)) };
}

export function decide(count: number, rule: RateLimitRule, now: number): RateLimitDecision {
  return count < rule.limit
    ? { allowed: true }
    : { allowed: false, retryAfterSeconds: rateWindow(rule, now).secondsLeft };
}

/** Counts one hit for `subject` under `rule` unless the window is already full. */
export async function hit(
  kv: CounterStore,
  rule: RateLimitRule,
  subject: string,
  now: number,
): Promise<RateLimitDecision> {
  const window = rateWindow(rule, now);
  const key = `ratelimit:${rule.name}:${subject}:${window.start}`;
  const count = Number((await kv.get(key)) ?? 0);
  const decision = decide(count, rule, now);
  if (decision.allowed) {
    await kv.put(key, String(count + 1), { expirationTtl: Math.max(MIN_KV_TTL_SECONDS, window.secondsLeft) });
  }
  return decision;
}
