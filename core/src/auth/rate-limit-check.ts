/** Runs a request's counters (`sign-in-limits.ts`) against their `RateLimiter` Durable Objects, in order. */
import { sha256Hex } from '../crypto/hash.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { Counter } from './sign-in-limits.ts';

export type RateLimitRefusal = { rule: string; retryAfterSeconds: number };

/** Counts one hit on each counter until one refuses; that refusal, or null when all allowed. */
export async function checkRateLimits(
  limiters: DurableObjectNamespace<RateLimiter>,
  counters: Counter[],
  now: number,
): Promise<RateLimitRefusal | null> {
  for (const { rule, subject } of counters) {
    // Hashed: no address or IP in a Durable Object's name.
    const limiter = limiters.getByName(`${rule.name}:${await sha256Hex(subject)}`);
    const decision = await limiter.hit(rule, now);
    if (!decision.allowed) return { rule: rule.name, retryAfterSeconds: decision.retryAfterSeconds };
  }
  return null;
}
