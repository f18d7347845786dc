/**
 * `RateLimiter`: one Durable Object per counter (`idFromName(rule:subject)`), so each count is atomic: a DO runs one
 * call at a time and `storage.kv` is synchronous, so no two hits can read the same count (KV's read-modify-write let
 * parallel requests overshoot a limit). The window's count is kept in storage, surviving eviction; an alarm deletes
 * it once the window is over, so idle counters cost nothing.
 */
import { DurableObject } from 'cloudflare:workers';
import { decide, type RateLimitDecision, type RateLimitRule, rateWindow } from './rate-limit.ts';

type Counter = { windowStart: number; windowMs: number; count: number };
const KEY = 'counter';

export class RateLimiter extends DurableObject<Env> {
  /** Counts one hit at `now` (the caller's clock, so tests drive it) unless the window is full. */
  hit(rule: RateLimitRule, now: number): RateLimitDecision {
    const { start } = rateWindow(rule, now);
    const stored = this.ctx.storage.kv.get<Counter>(KEY);
    const count = stored?.windowStart === start ? stored.count : 0;
    const decision = decide(count, rule, now);
    if (decision.allowed) {
      this.ctx.storage.kv.put(KEY, { windowStart: start, windowMs: rule.windowMs, count: count + 1 } satisfies Counter);
      // Real time, not `now`: the window is over in real time at the latest one window from the first hit in it.
      if (count === 0) void this.ctx.storage.setAlarm(Date.now() + rule.windowMs);
    }
    return decision;
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}
