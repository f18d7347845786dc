/**
 * The sign-in mail limits as fixed windows (seed §9.5: 5 mails per address and 20 per IP per hour, plus a cap per
 * domain and one overall). Pure rules: the counters live in `RateLimiter` Durable Objects (`rate-limiter.ts`), which
 * apply `decide` atomically; which keys a request counts against is `rate-limit-keys.ts`.
 */
export type RateLimitRule = { name: string; limit: number; windowMs: number };
export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const HOUR_MS = 3_600_000;

export const MAGIC_LINK_PER_EMAIL: RateLimitRule = { name: 'magic_link_email', limit: 5, windowMs: HOUR_MS };
export const MAGIC_LINK_PER_IP: RateLimitRule = { name: 'magic_link_ip', limit: 20, windowMs: HOUR_MS };
/**
 * One domain (a company's, or a catch-all domain someone uses to mint endless addresses) gets at most a fifth of the
 * overall cap, so mailing one domain's users cannot use it all up. Keep it above the biggest provider's share of
 * real sign-ins (gmail.com) when raising the overall cap.
 */
export const MAGIC_LINK_PER_DOMAIN: RateLimitRule = { name: 'magic_link_domain', limit: 200, windowMs: HOUR_MS };
/**
 * A circuit breaker against a flood spread over many IPs and domains: past it, mail stops for everyone until the
 * hour ends, instead of burning the email provider's quota and the sending domain's reputation. 1000 an hour is far
 * above the expected peak of a young service; raise it with the provider's quota.
 */
export const MAGIC_LINK_GLOBAL: RateLimitRule = { name: 'magic_link_global', limit: 1000, windowMs: HOUR_MS };

export function rateWindow(rule: RateLimitRule, now: number): { start: number; secondsLeft: number } {
  const start = Math.floor(now / rule.windowMs) * rule.windowMs;
  return { start, secondsLeft: Math.max(1, Math.ceil((start + rule.windowMs - now) / 1000)) };
}

export function decide(count: number, rule: RateLimitRule, now: number): RateLimitDecision {
  return count < rule.limit
    ? { allowed: true }
    : { allowed: false, retryAfterSeconds: rateWindow(rule, now).secondsLeft };
}

/** "try again in 45 minutes": what the 429's message says, in words the sign-in page shows as they are. */
export function retryAfterText(seconds: number): string {
  if (seconds < 60) return `try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
