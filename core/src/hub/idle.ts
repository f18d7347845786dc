/**
 * The subscriber idle rule (seed §9.6): a subscriber whose latest heartbeat (ping, input, ack, attach) is
 * older than the idle period is closed. The hub's one alarm is set to the earliest deadline still ahead.
 */
/**
 * How finely a subscriber's last activity is kept. Rounded up to this grain, the attachment that holds it changes at
 * most once per grain while someone types, not on every keystroke, and the idle close comes at most one grain late,
 * never early.
 */
export const ACTIVITY_GRAIN_MS = 60_000;

/** The activity mark for a heartbeat at `now`: the end of its grain. */
export function activityMark(now: number): number {
  return Math.ceil(now / ACTIVITY_GRAIN_MS) * ACTIVITY_GRAIN_MS;
}

export interface HeartbeatView {
  id: string;
  /** Latest input/ack/attach seen by the hub (ms, at most one grain late: `activityMark`). */
  lastActiveAt: number;
  /** Latest ping answered without waking the hub (ms), if any. */
  lastPingAt: number | null;
}

export interface IdlePlan {
  close: string[];
  /** When to look again, or null when no subscriber is left. */
  nextCheckAt: number | null;
}

export function planIdle(subscribers: HeartbeatView[], now: number, idleMs: number): IdlePlan {
  const close: string[] = [];
  let nextCheckAt: number | null = null;
  for (const sub of subscribers) {
    const deadline = Math.max(sub.lastActiveAt, sub.lastPingAt ?? 0) + idleMs;
    if (deadline <= now) close.push(sub.id);
    else nextCheckAt = nextCheckAt === null ? deadline : Math.min(nextCheckAt, deadline);
  }
  return { close, nextCheckAt };
}
