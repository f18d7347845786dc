/**
 * The Worker's side of signing out: every hub that serves one of the user's VPSes closes the viewer sockets the
 * signed-out web sessions opened. A viewer only ever reaches its own user's hubs, so those are all there is to tell.
 * A hub that cannot be told is logged and skipped: the session row is gone already, so no new socket can open.
 */
import type { Logger } from '@vibecode/schemas/log';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { gateways, vps } from '../db/schema.ts';
import { hubStub } from './hub-client.ts';

export async function closeSignedOutViewers(
  env: Env,
  db: Db,
  log: Logger,
  userId: string,
  webSessionIds: readonly string[],
): Promise<number> {
  if (webSessionIds.length === 0) return 0;
  const rows = await db
    .select({ gatewayId: gateways.id })
    .from(gateways)
    .innerJoin(vps, eq(vps.id, gateways.vpsId))
    .where(eq(vps.userId, userId));
  const closed = await Promise.all(
    rows.map(({ gatewayId }) =>
      hubStub(env, gatewayId)
        .closeWebSessions([...webSessionIds])
        .catch((error: unknown) => {
          log.error('closing signed-out viewers failed', { gateway_id: gatewayId, error: String(error) });
          return 0;
        }),
    ),
  );
  return closed.reduce((sum, n) => sum + n, 0);
}
