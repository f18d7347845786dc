/**
 * Reconnect delays: exponential from `baseMs`, capped at `capMs`, with "equal jitter" (half fixed, half
 * random) so a fleet of gateways that lost the hub together does not come back in lockstep.
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const LINK_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 30_000 };
/** A refused bootstrap token will not become valid in a second: start slower. */
export const REJECTED_BACKOFF: BackoffOptions = { baseMs: 5_000, capMs: 30_000 };
/** A hub that closed 4010 (schema unsupported) will not change its mind soon: 5–10 min between tries. */
export const SCHEMA_UNSUPPORTED_BACKOFF: BackoffOptions = { baseMs: 600_000, capMs: 600_000 };

export function backoffDelayMs(attempt: number, random: () => number, options: BackoffOptions = LINK_BACKOFF): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
