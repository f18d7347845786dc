/** Session rows in D1. Creation allocates the next number and enforces the live limit in one statement. */
import { MAX_SESSIONS } from '@vibecode/schemas';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions } from '../db/schema.ts';
import type { SessionRow } from './session-json.ts';

/** Sessions that are not ended: they count towards the limit and can run (again) without a new number. */
export const OPEN_STATUSES = ['starting', 'running', 'exited', 'stopped'] as const;

export interface NewSession {
  id: string;
  userId: string;
  vpsId: string;
  title: string;
  agentType: SessionRow['agentType'];
  slug: string;
  workspaceRoot: string;
  now: number;
}

/**
 * Inserts a `starting` session with number = max + 1, or returns null when the VPS already has
 * MAX_SESSIONS live ones. One statement, so two concurrent creates cannot both pass the check.
 */
export async function insertSession(db: Db, s: NewSession): Promise<SessionRow | null> {
  const root = s.workspaceRoot.replace(/\/+$/, '');
  const inserted = await db.get<{ id: string } | undefined>(sql`
    WITH next AS (SELECT COALESCE(MAX(number), 0) + 1 AS n FROM sessions WHERE vps_id = ${s.vpsId}),
         live AS (SELECT COUNT(*) AS c FROM sessions WHERE vps_id = ${s.vpsId}
                  AND status IN ('starting', 'running', 'exited', 'stopped'))
    INSERT INTO sessions (id, user_id, vps_id, number, title, agent_type, tmux_name, workdir, status, created_at)
    SELECT ${s.id}, ${s.userId}, ${s.vpsId}, n, ${s.title}, ${s.agentType}, 'vibe-' || n,
           CASE WHEN ${s.slug} = '' THEN ${root} || '/' || ${s.id} ELSE ${root} || '/' || ${s.slug} || '-' || n END,
           'starting', ${s.now}
    FROM next, live WHERE live.c < ${MAX_SESSIONS}
    RETURNING id`);
  if (!inserted) return null;
  const [row] = await db.select().from(sessions).where(eq(sessions.id, inserted.id)).limit(1);
  return row ?? null;
}

export async function listOpenSessions(db: Db, vpsId: string): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.vpsId, vpsId), ne(sessions.status, 'ended')))
    .orderBy(asc(sessions.number));
}

export async function deleteStartingSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.id, id), eq(sessions.status, 'starting')));
}

/** The gateway runs it (created, or restarted): any exit it had is forgotten. */
export async function markSessionRunning(db: Db, id: string): Promise<SessionRow | null> {
  const [row] = await db
    .update(sessions)
    .set({ status: 'running', exitCode: null, exitSignal: null, exitLines: null, exitedAt: null })
    .where(and(eq(sessions.id, id), inArray(sessions.status, OPEN_STATUSES)))
    .returning();
  return row ?? null;
}

/**
 * The VPS is powered off: its sessions stop with their tmux server, and say so now rather than read `running`
 * until the gateway's next hello (which reconciles the same way). A create in flight (`starting`) is its own.
 */
export async function stopSessionsOfVps(db: Db, vpsId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ status: 'stopped', exitCode: null, exitSignal: null, exitLines: null, exitedAt: null })
    .where(and(eq(sessions.vpsId, vpsId), inArray(sessions.status, ['running', 'exited'])));
}

export async function markSessionEnded(db: Db, id: string, now: number): Promise<SessionRow | null> {
  await db
    .update(sessions)
    .set({ status: 'ended', endedAt: now })
    .where(and(eq(sessions.id, id), inArray(sessions.status, OPEN_STATUSES)));
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id)).limit(1);
  return row ?? null;
}
