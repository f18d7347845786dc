/**
 * The cron's opt-in power-off (issue 17): finds the ready servers due by `auto-power-off-plan.ts`'s rule in D1, asks
 * only their hubs whether anyone is watching, and powers the unwatched ones off through `powerOwnedVps` — the same
 * state rules and claim as the web's button (a server someone powers on or off meanwhile is left alone), its idle
 * notice answered, its sessions stopped — then tells the owner (`vps.auto_powered_off`, with the billing copy).
 * Bounded per run; a server that fails is logged and tried again on the next run.
 */
import type { Logger } from '@vibecode/schemas/log';
import { and, eq, isNotNull, type SQL, sql } from 'drizzle-orm';
import { cloudOfUser } from '../cloud/user-cloud.ts';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/client.ts';
import { gateways, sessions, vps } from '../db/schema.ts';
import type { ViewerPresence } from '../hub/viewer-presence.ts';
import { type Notifier, notification } from '../notify/notification.ts';
import { isDue, isUnwatched, unattendedSince } from './auto-power-off-plan.ts';
import { powerOwnedVps } from './power-vps.ts';

/** Servers considered per run; the next run (5 min later) takes the rest. */
export const AUTO_POWER_OFF_BATCH = 50;

export interface AutoPowerOffDeps {
  /** The hub of this gateway: who is watching its sessions. */
  presence(gatewayId: string): Promise<ViewerPresence>;
  notifier(): Notifier;
  log: Logger;
}

const onRunningSessions = (vpsId: typeof vps.id, condition: SQL) =>
  sql<number>`exists (select 1 from ${sessions} where ${sessions.vpsId} = ${vpsId} and ${sessions.status} = 'running' and ${condition})`;

export async function runAutoPowerOff(db: Db, config: Config, now: number, deps: AutoPowerOffDeps): Promise<number> {
  if (!config.cloud.ok) return 0;
  const rows = await db
    .select({
      vps,
      gatewayId: gateways.id,
      lastActivityAt: gateways.lastActivityAt,
      lastAgentStateAt: sql<
        number | null
      >`(select max(${sessions.agentStateAt}) from ${sessions} where ${sessions.vpsId} = ${vps.id} and ${sessions.status} = 'running')`,
      agentWorking: onRunningSessions(vps.id, sql`${sessions.agentState} = 'working'`),
      continuePending: onRunningSessions(vps.id, sql`${sessions.continueAtReset} = 1`),
    })
    .from(vps)
    .innerJoin(gateways, eq(gateways.vpsId, vps.id))
    .where(and(eq(vps.status, 'ready'), isNotNull(vps.autoPowerOffHours), isNotNull(vps.dropletId)))
    .limit(AUTO_POWER_OFF_BATCH);
  const cloudOf = cloudOfUser(db, config, deps.log);
  let poweredOff = 0;
  for (const row of rows) {
    const hours = row.vps.autoPowerOffHours;
    if (hours === null) continue;
    const view = {
      hours,
      lastActivityAt: row.lastActivityAt,
      updatedAt: row.vps.updatedAt,
      lastAgentStateAt: row.lastAgentStateAt,
      agentWorking: row.agentWorking === 1,
      continuePending: row.continuePending === 1,
    };
    if (!isDue(view, now)) continue;
    const fields = { user_id: row.vps.userId, vps_id: row.vps.id, gateway_id: row.gatewayId, hours };
    try {
      if (!isUnwatched(await deps.presence(row.gatewayId), hours, now)) continue;
      await powerOwnedVps(row.vps, 'off', async () => (await cloudOf(row.vps.userId)).cloud, deps);
    } catch (error) {
      deps.log.warn('auto power off failed; tried again next run', { ...fields, error: String(error) });
      continue;
    }
    poweredOff++;
    deps.log.info('auto powered off', fields);
    const target = { userId: row.vps.userId, vpsId: row.vps.id, vpsName: row.vps.name };
    await deps.notifier().notify(notification('vps.auto_powered_off', target, unattendedSince(view)));
  }
  return poweredOff;
}
