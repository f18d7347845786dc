/**
 * The opt-in power-off's rule (issue 17, seed §9.3), pure: a server whose person chose `auto_power_off_hours` is
 * powered off once it has gone that long unattended — no agent working (none now, none changing state since), no
 * terminal input or output, nobody watching — and nothing is waiting for a time of its own (a continue-at-reset).
 * Everything but the viewers is in D1 (`isDue`); the viewers are the hub's to say (`isUnwatched`), asked only of the
 * servers already due.
 */
import type { ViewerPresence } from '../hub/viewer-presence.ts';

export const HOUR_MS = 3_600_000;

export interface AutoPowerOffRow {
  hours: number;
  /** The gateway's latest input or output on any session (ms), if any. */
  lastActivityAt: number | null;
  /** The VPS row's last change (ms): powered on, ready, or the setting switched on — the hours count from there. */
  updatedAt: number;
  /** The latest agent state change on any running session (ms): an agent that stopped working stopped then. */
  lastAgentStateAt: number | null;
  agentWorking: boolean;
  /** A limited session whose person asked it to continue at the reset: powering off would lose that. */
  continuePending: boolean;
}

/** Since when nothing has happened on the server but its viewers, which the hub knows. */
export function unattendedSince(row: AutoPowerOffRow): number {
  return Math.max(row.lastActivityAt ?? 0, row.updatedAt, row.lastAgentStateAt ?? 0);
}

export function isDue(row: AutoPowerOffRow, now: number): boolean {
  if (row.agentWorking || row.continuePending) return false;
  return now - unattendedSince(row) >= row.hours * HOUR_MS;
}

export function isUnwatched(presence: ViewerPresence, hours: number, now: number): boolean {
  if (presence.viewers > 0) return false;
  return presence.lastViewerAt === null || now - presence.lastViewerAt >= hours * HOUR_MS;
}
