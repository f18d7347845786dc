/** The session as the API shows it; `inactive` = no input or output for more than 24 h (seed §9.4). */
import type { Session } from '@vibecode/schemas';
import type { sessions } from '../db/schema.ts';

export const INACTIVE_AFTER_MS = 24 * 60 * 60 * 1000;

export type SessionRow = typeof sessions.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function isInactive(row: Pick<SessionRow, 'lastActivityAt' | 'createdAt'>, now: number): boolean {
  return now - (row.lastActivityAt ?? row.createdAt) > INACTIVE_AFTER_MS;
}

export function sessionJson(row: SessionRow, now: number): Session {
  return {
    id: row.id,
    vps_id: row.vpsId,
    number: row.number,
    title: row.title,
    agent_type: row.agentType,
    tmux_name: row.tmuxName,
    workdir: row.workdir,
    status: row.status,
    created_at: new Date(row.createdAt).toISOString(),
    last_activity_at: iso(row.lastActivityAt),
    ended_at: iso(row.endedAt),
    inactive: isInactive(row, now),
    exit: exitJson(row),
  };
}

/** The exit shows only while the session is exited: a restart clears its meaning even if the columns linger. */
function exitJson(row: SessionRow): Session['exit'] {
  if (row.status !== 'exited' || row.exitedAt === null) return null;
  return {
    code: row.exitCode,
    signal: row.exitSignal,
    lines: row.exitLines ?? [],
    at: new Date(row.exitedAt).toISOString(),
  };
}
