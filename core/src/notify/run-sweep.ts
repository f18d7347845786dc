/**
 * Runs the lifecycle sweep against D1 (from the Worker's cron `scheduled` handler): reads the VPSs that can be
 * idle or offline, plans with `planSweep`, and for each event first claims it with a conditional update of its
 * mark, then notifies, so two overlapping sweeps announce a period at most once.
 */

import type { Logger } from '@vibecode/schemas/log';
import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { gateways, sessions, vps } from '../db/schema.ts';
import { planSweep, type SweepRow } from './lifecycle-sweep.ts';
import { type Notifier, notification } from './notification.ts';

/** A bound on one run; the next run continues with whatever is left. */
export const SWEEP_BATCH = 500;

/** Whether a running session on the VPS last reported its agent `working`: one EXISTS per row, in the same query. */
function agentWorkingOn(vpsId: typeof vps.id) {
  return sql<number>`exists (select 1 from ${sessions} where ${sessions.vpsId} = ${vpsId} and ${sessions.status} = 'running' and ${sessions.agentState} = 'working')`;
}

export async function runLifecycleSweep(db: Db, notifier: Notifier, now: number, log: Logger): Promise<number> {
  const rows = await db
    .select({ vps, gateway: gateways, agentWorking: agentWorkingOn(vps.id) })
    .from(vps)
    .leftJoin(gateways, eq(gateways.vpsId, vps.id))
    .where(inArray(vps.status, ['ready', 'offline']))
    .limit(SWEEP_BATCH);
  const views: SweepRow[] = rows.map(({ vps: v, gateway, agentWorking }) => ({
    vpsId: v.id,
    userId: v.userId,
    vpsName: v.name,
    status: v.status,
    lastActivityAt: Math.max(gateway?.lastActivityAt ?? 0, v.updatedAt),
    agentWorking: agentWorking === 1,
    idleNotifiedAt: v.idleNotifiedAt,
    lastSeenAt: gateway?.lastSeenAt ?? null,
    offlineNotifiedAt: v.offlineNotifiedAt,
  }));
  let sent = 0;
  for (const event of planSweep(views, now)) {
    const mark = event.kind === 'vps.idle' ? vps.idleNotifiedAt : vps.offlineNotifiedAt;
    const claimed = await db
      .update(vps)
      .set(event.kind === 'vps.idle' ? { idleNotifiedAt: event.since } : { offlineNotifiedAt: event.since })
      .where(and(eq(vps.id, event.row.vpsId), or(isNull(mark), lt(mark, event.since))))
      .returning({ id: vps.id });
    if (claimed.length === 0) continue;
    const { userId, vpsId, vpsName } = event.row;
    await notifier.notify(notification(event.kind, { userId, vpsId, vpsName }, event.since));
    log.info('lifecycle notification', { kind: event.kind, user_id: userId, vps_id: vpsId });
    sent++;
  }
  return sent;
}
