/**
 * Powering a user's VPS off or on, as `POST /api/vps/:id/power` and a channel's /power both do: the status must
 * accept the action (`vps.invalid_state`), the status is claimed against a concurrent action, the cloud runs it (its
 * failure puts the old status back), and powering off dismisses the idle notice it answers and stops the VPS's
 * sessions with the droplet.
 */
import { and, eq } from 'drizzle-orm';
import type { CloudProvider } from '../cloud/provider.ts';
import type { Db } from '../db/client.ts';
import { vps as vpsTable } from '../db/schema.ts';
import { ApiError } from '../http/api-error.ts';
import { type AnswerListeners, dismissAnsweredNotices } from '../notify/answered-notices.ts';
import { findOwnedVps } from '../ownership.ts';
import { stopSessionsOfVps } from '../sessions/store.ts';
import { type PowerAction, planPower } from './power.ts';
import { runPowerAction } from './power-action.ts';

type VpsRow = typeof vpsTable.$inferSelect;

/** The user's cloud as a route (`cloudAccess`) or a channel reaches it. */
type PowerCloud = {
  db: Db;
  provider: Pick<CloudProvider, 'powerOff' | 'powerOn' | 'powerCycle' | 'getServer'>;
  accessToken: string;
};

/**
 * `cloud` is asked only once the action is allowed, so a VPS in the wrong state answers `vps.invalid_state` even when
 * the cloud is not connected. Answers the VPS as it is afterwards.
 */
export async function powerOwnedVps(
  row: VpsRow,
  action: PowerAction,
  cloud: () => Promise<PowerCloud>,
  answers: AnswerListeners,
): Promise<VpsRow> {
  const plan = planPower(row.status, action);
  if (!plan || row.dropletId === null) {
    throw new ApiError(409, 'vps.invalid_state', `cannot power ${action} a VPS that is ${row.status}`);
  }
  const { db, provider, accessToken } = await cloud();
  const claimed = await db
    .update(vpsTable)
    .set({ status: plan.during, updatedAt: Date.now() })
    .where(and(eq(vpsTable.id, row.id), eq(vpsTable.status, row.status)))
    .returning({ id: vpsTable.id });
  if (claimed.length === 0) throw new ApiError(409, 'vps.invalid_state', 'the VPS changed state; try again');
  try {
    await runPowerAction(provider, accessToken, String(row.dropletId), action, row.status);
  } catch (error) {
    await db.update(vpsTable).set({ status: row.status, updatedAt: Date.now() }).where(eq(vpsTable.id, row.id));
    throw error;
  }
  // Powering on stays `powering_on` until the gateway's hello makes it ready (the hub does that).
  await db
    .update(vpsTable)
    .set({ status: plan.after, updatedAt: Date.now() })
    .where(and(eq(vpsTable.id, row.id), eq(vpsTable.status, plan.during)));
  if (action === 'off') {
    await dismissAnsweredNotices(db, answers, { vpsId: row.id, kind: 'vps.idle', answer: 'powered_off' }, Date.now());
  }
  // Its sessions stop with the droplet: say so now, not "running" until the next hello reconciles them.
  if (action === 'off') await stopSessionsOfVps(db, row.id);
  return findOwnedVps(db, row.userId, row.id);
}
