/**
 * Reconnect delays: exponential from `baseMs`, capped at `maxMs`, with "equal jitter" (half fixed, half random)
 * so a fleet of browsers that lost the same hub does not come back in lockstep, yet no retry is ever instant.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 500, maxMs: 15_000 };

/** Delay before reconnect attempt `attempt` (0 = the first retry). `random` returns [0, 1). */
export function reconnectDelay(
  attempt: number,
  random: () => number,
  options: BackoffOptions = defaultBackoff,
): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
