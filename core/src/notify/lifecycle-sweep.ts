/**
 * The periodic lifecycle check (cron): which VPSs crossed into "idle" (no activity for 24 h, and no agent working:
 * an agent thinking for hours without a byte of output keeps its server awake) or "offline"
 * (gateway gone for 5 min while the VPS should be up) since they were last announced. Pure: rows and the clock
 * in, notifications to send and the marks to store out. One notification per idle period: the period's start
 * (its last activity) is stored and a new one only begins with newer activity; likewise per offline period.
 */
export const IDLE_AFTER_MS = 24 * 3_600_000;
/** Short drops (a restart, a network blip) are not worth a message. */
export const OFFLINE_AFTER_MS = 5 * 60_000;

export interface SweepRow {
  vpsId: string;
  userId: string;
  vpsName: string;
  status: string;
  /** Latest activity the gateway reported (any session's input or output) or the VPS's last change (ms). */
  lastActivityAt: number;
  /** Some session's agent reported `working` as its latest state (issue 17): the VPS is not idle, whatever the bytes. */
  agentWorking: boolean;
  idleNotifiedAt: number | null;
  /** When the gateway was last seen (ms); the offline period's start. */
  lastSeenAt: number | null;
  offlineNotifiedAt: number | null;
}

export interface SweepEvent {
  kind: 'vps.idle' | 'vps.offline';
  row: SweepRow;
  /** The period's start, stored so the same period is never announced twice. */
  since: number;
}

export function planSweep(rows: SweepRow[], now: number): SweepEvent[] {
  const events: SweepEvent[] = [];
  for (const row of rows) {
    if (row.status === 'ready' && !row.agentWorking && now - row.lastActivityAt > IDLE_AFTER_MS) {
      if (row.idleNotifiedAt === null || row.idleNotifiedAt < row.lastActivityAt) {
        events.push({ kind: 'vps.idle', row, since: row.lastActivityAt });
      }
    }
    if (row.status === 'offline' && row.lastSeenAt !== null && now - row.lastSeenAt > OFFLINE_AFTER_MS) {
      if (row.offlineNotifiedAt === null || row.offlineNotifiedAt < row.lastSeenAt) {
        events.push({ kind: 'vps.offline', row, since: row.lastSeenAt });
      }
    }
  }
  return events;
}
