/**
 * The power part of `GET /api/vps/:id`: a power-on past its deadline becomes `power_on_timeout`, and a droplet
 * whose power is in doubt (no connected gateway) is read from the cloud, at most once per the cloud config's
 * `powerCheckIntervalMs` per VPS however often pages ask (`power-read.ts`). The page's answer never waits on a
 * failing cloud: the read is tried once, without the retries and rate-limit waits of the routes that act (the sweep
 * and the next read retry).
 */
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { cloudAccess } from '../cloud/access.ts';
import { cloudConfig, providerFor, publicOrigin } from '../cloud/cloud-config.ts';
import type { Db } from '../db/client.ts';
import type { gateways, vps } from '../db/schema.ts';
import { findOwnedVps } from '../ownership.ts';
import { expirePowerOns, syncPower } from './power-read.ts';
import { powerInDoubt, powerOnTimedOut } from './power-sync.ts';

type VpsRow = typeof vps.$inferSelect;

const ONE_TRY = { maxAttempts: 1, maxRateLimitWaitMs: 0 };

/** The row as it stands after the check (read again only when the check changed it). */
export async function currentPower(
  c: Context<AppEnv>,
  db: Db,
  row: VpsRow,
  gateway: typeof gateways.$inferSelect | null,
): Promise<VpsRow> {
  const now = Date.now();
  let changed = false;
  if (powerOnTimedOut(row.status, row.updatedAt, now)) {
    changed = (await expirePowerOns(db, now, row.id)).length > 0;
  } else if (c.get('config').cloud.ok && powerInDoubt(row.status, gateway?.connected ?? false)) {
    const config = cloudConfig(c);
    const reader = async () => {
      const provider = providerFor(config, publicOrigin(config, c.req.url), c.get('log'), ONE_TRY);
      return { provider, accessToken: (await cloudAccess(c)).accessToken };
    };
    const time = { now, intervalMs: config.powerCheckIntervalMs };
    changed = (await syncPower(db, row, reader, time, c.get('answers'))) !== null;
  }
  return changed ? findOwnedVps(db, row.userId, row.id) : row;
}
