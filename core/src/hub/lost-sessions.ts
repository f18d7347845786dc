/**
 * Which sessions a `gateway.hello` proves gone. The hello lists every session the gateway runs; D1 lists the
 * sessions the control plane believes on the gateway. A `running` or `exited` session the gateway does not list
 * died with its tmux server (a reboot, a power cycle) and is lost (it becomes `stopped`). A `starting` one is left alone: the create in flight owns it
 * and deletes it if the gateway refuses. A listed session D1 does not hold as live is only reported: killing
 * a user's running program on a bookkeeping mismatch would be worse than keeping it.
 */
import type { sessions } from '../db/schema.ts';

/** A session row D1 holds as open (`starting`, `running`, `exited` or `stopped`). */
export type LiveSession = Pick<typeof sessions.$inferSelect, 'number' | 'status'>;

export interface SessionDiff {
  /** Open in D1 (not starting), not held by the gateway: lost, to be stopped (if not already). Ascending. */
  lost: number[];
  /** Run by the gateway, not live in D1: logged, never killed. Ascending. */
  unknown: number[];
}

export function diffSessions(live: readonly LiveSession[], reported: readonly number[]): SessionDiff {
  const running = new Set(reported);
  const known = new Set(live.map((s) => s.number));
  const ascending = (a: number, b: number) => a - b;
  return {
    lost: live
      .filter((s) => s.status !== 'starting' && !running.has(s.number))
      .map((s) => s.number)
      .sort(ascending),
    unknown: reported.filter((n) => !known.has(n)).sort(ascending),
  };
}
