/**
 * Reconnect delays: exponential from `baseMs`, capped at `capMs`, with "equal jitter" (half fixed, half random), so
 * a fleet of browsers or gateways that lost the hub together does not come back in lockstep, yet no retry is ever
 * instant. The one backoff of the browser's session link, the gateway's hub link and the gateway's registration.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/** Delay before retry `attempt` (0 = the first retry); `random` returns [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
