/**
 * Ownership checks for every route and socket that names a VPS or a session: the row if the user owns it,
 * otherwise 404, so another user's ids are indistinguishable from ids that don't exist.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from './db/client.ts';
import { sessions, vps } from './db/schema.ts';
import { ApiError } from './http/api-error.ts';

export async function findOwnedVps(db: Db, userId: string, vpsId: string): Promise<typeof vps.$inferSelect> {
  const row = await db.query.vps.findFirst({ where: and(eq(vps.id, vpsId), eq(vps.userId, userId)) });
  if (!row) throw new ApiError(404, 'vps.not_found', 'no such VPS');
  return row;
}

export async function findOwnedSession(
  db: Db,
  userId: string,
  sessionId: string,
): Promise<typeof sessions.$inferSelect> {
  const row = await db.query.sessions.findFirst({
    where: and(eq(sessions.id, sessionId), eq(sessions.userId, userId)),
  });
  if (!row) throw new ApiError(404, 'session.not_found', 'no such session');
  return row;
}
