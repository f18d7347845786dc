/**
 * The Worker's side of the hub: find the gateway that serves a VPS, address its hub, and turn hub results
 * into values or ApiErrors. The hub's name is always the gateway id the Worker read from D1.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { gateways, sessions } from '../db/schema.ts';
import { ApiError } from '../http/api-error.ts';
import type { HubResult } from './hub-error.ts';
import { hubErrorStatus } from './hub-status.ts';

export type Gateway = typeof gateways.$inferSelect;

export function hubStub(env: Env, gatewayId: string) {
  return env.GATEWAY_HUB.get(env.GATEWAY_HUB.idFromName(gatewayId));
}

/** The VPS's gateway; a VPS whose gateway never registered is as unreachable as an offline one. */
export async function gatewayForVps(db: Db, vpsId: string): Promise<Gateway> {
  const [row] = await db.select().from(gateways).where(eq(gateways.vpsId, vpsId)).limit(1);
  if (!row) throw new ApiError(503, 'gateway.offline', 'this VPS has no gateway connected yet');
  return row;
}

/**
 * The session if this user owns it (404 `session.not_found` otherwise, like `findOwnedSession`), with the id of its
 * VPS's gateway (null when none registered): one D1 statement, since every viewer's upgrade asks it.
 */
export async function findOwnedSessionGateway(
  db: Db,
  userId: string,
  sessionId: string,
): Promise<{ session: typeof sessions.$inferSelect; gatewayId: string | null }> {
  const [row] = await db
    .select({ session: sessions, gatewayId: gateways.id })
    .from(sessions)
    .leftJoin(gateways, eq(gateways.vpsId, sessions.vpsId))
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .limit(1);
  if (!row) throw new ApiError(404, 'session.not_found', 'no such session');
  return row;
}

export function unwrapHub<T>(result: HubResult<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(hubErrorStatus(result.error), result.error.code, result.error.message);
}
