/**
 * Core's `ServerControl` for the channels: what the web's VPS routes do, by the same ownership check (another user's
 * VPS reads as `vps.not_found`) and the same shared functions (`powerOwnedVps`, the key store), with errors as values.
 */
import { desc, eq } from 'drizzle-orm';
import { cloudOfUser } from '../cloud/user-cloud.ts';
import type { Config } from '../config/config.ts';
import { asControlResult } from '../control-result.ts';
import type { Db } from '../db/client.ts';
import { vps } from '../db/schema.ts';
import { ApiError } from '../http/api-error.ts';
import { keyJson, listKeys } from '../keys/store.ts';
import type { AnswerListeners } from '../notify/answered-notices.ts';
import { findOwnedVps } from '../ownership.ts';
import type { PowerAction } from './power.ts';
import { powerOwnedVps } from './power-vps.ts';
import type { ServerControl, ServerSummary } from './server-control.ts';

type VpsRow = typeof vps.$inferSelect;

const summary = (row: VpsRow): ServerSummary => ({
  vpsId: row.id,
  name: row.name,
  status: row.status,
  region: row.region,
  size: row.size,
});

const POWER_ACTIONS: readonly string[] = ['on', 'off'] satisfies PowerAction[];

/** `answers`: whom a power off tells that it answered the VPS's idle notice. */
export function channelServerControl(db: Db, config: Config, answers: AnswerListeners): ServerControl {
  const { log } = answers;
  const cloudOf = cloudOfUser(db, config, log);

  return {
    list: async (userId) =>
      (await db.select().from(vps).where(eq(vps.userId, userId)).orderBy(desc(vps.createdAt), vps.id)).map(summary),

    power: (userId, vpsId, action) =>
      asControlResult(async () => {
        if (!POWER_ACTIONS.includes(action)) {
          throw new ApiError(400, 'http.invalid_body', 'action must be on or off');
        }
        const row = await findOwnedVps(db, userId, vpsId);
        const fresh = await powerOwnedVps(row, action, async () => (await cloudOf(userId)).cloud, answers);
        log.info('vps power', { vps_id: row.id, action, via: 'channel' });
        return summary(fresh);
      }),

    keys: (userId, vpsId) =>
      asControlResult(async () => {
        const row = await findOwnedVps(db, userId, vpsId);
        return (await listKeys(db, row.id, Date.now())).map(keyJson);
      }),
  };
}
