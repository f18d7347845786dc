/**
 * The Worker's side of the hub: find the gateway that serves a VPS, address its hub, and turn hub results
 * into values or ApiErrors. The hub's name is always the gateway id the Worker read from D1.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { gateways } from '../db/schema.ts';
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

export function unwrapHub<T>(result: HubResult<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(hubErrorStatus(result.error), result.error.code, result.error.message);
}
