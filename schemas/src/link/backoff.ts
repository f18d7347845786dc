/**
 * Retry delays: exponential from `baseMs`, capped at `capMs`, with jitter so a fleet of browsers or gateways that
 * lost the hub together does not come back in lockstep. The one backoff of the browser's session link, the
 * gateway's hub link and registration, and the control plane's DigitalOcean API calls.
 *   - `equal` (the default): half fixed, half random, so no retry is ever instant — for reconnects;
 *   - `full`: uniform below the ceiling, which spreads load best — for a few bounded retries of an HTTP call.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  jitter?: 'equal' | 'full';
}

/** Delay before retry `attempt` (0 = the first retry); `random` returns [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  if (policy.jitter === 'full') return Math.floor(random() * ceiling);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
