/**
 * The cron's power part (seed §9.7): powering-on VPSs past their deadline become `power_on_timeout`, and the
 * droplets whose power is in doubt (no connected gateway) are read from the cloud, so a droplet powered off or on
 * outside VibeCode shows as it is even while nobody has its page open. Bounded per run (POWER_SWEEP_BATCH, the
 * longest unchecked first); reads share `power-read.ts`'s per-VPS claim with the pages, and one access token per
 * user per run.
 */
import type { Logger } from '@vibecode/schemas/log';
import { and, asc, eq, inArray, isNotNull, isNull, lte, or } from 'drizzle-orm';
import { providerFor } from '../cloud/cloud-config.ts';
import { accessTokenFor, tokenKey } from '../cloud/connection.ts';
import { parseConfig } from '../config/config.ts';
import type { RawConfig } from '../config/setting-values.ts';
import { openDb } from '../db/client.ts';
import { gateways, vps } from '../db/schema.ts';
import type { Notifier } from '../notify/notification.ts';
import { expirePowerOns, syncPower } from './power-read.ts';

/** Droplets read per run; the next run (5 min later) takes the rest, longest unchecked first. */
export const POWER_SWEEP_BATCH = 50;

const NO_CHANNELS: Notifier = { notify: async () => {}, answered: async () => {} };

export interface PowerSweepResult {
  timedOut: number;
  read: number;
  changed: number;
}

/**
 * `notifier`: the channels told when a droplet found off answers its idle notice; without it (a test's sweep) only
 * core's store is updated.
 */
export async function runPowerSweep(
  env: Env,
  now: number,
  log: Logger,
  notifier: () => Notifier = () => NO_CHANNELS,
): Promise<PowerSweepResult> {
  const db = openDb(env.DB);
  const timedOut = (await expirePowerOns(db, now)).length;
  if (timedOut > 0) log.warn('powering on timed out: no gateway hello', { vps_count: timedOut });
  const config = parseConfig(env as unknown as RawConfig);
  if (!config.cloud.ok) return { timedOut, read: 0, changed: 0 };
  const time = { now, intervalMs: config.cloud.value.powerCheckIntervalMs };
  const rows = await db
    .select({ id: vps.id, userId: vps.userId, status: vps.status, dropletId: vps.dropletId })
    .from(vps)
    .leftJoin(gateways, eq(gateways.vpsId, vps.id))
    .where(
      and(
        // powerInDoubt in SQL, so the batch is never filled with droplets a connected gateway vouches for.
        or(
          inArray(vps.status, ['offline', 'powered_off']),
          and(eq(vps.status, 'ready'), or(isNull(gateways.connected), eq(gateways.connected, false))),
        ),
        isNotNull(vps.dropletId),
        or(isNull(vps.powerCheckedAt), lte(vps.powerCheckedAt, now - time.intervalMs)),
      ),
    )
    .orderBy(asc(vps.powerCheckedAt))
    .limit(POWER_SWEEP_BATCH);
  // `origin` names only the OAuth callback, which reading a droplet and refreshing a token never use.
  const provider = providerFor(config.cloud.value, config.publicUrl ?? 'http://localhost', log);
  const key = await tokenKey(config.tokenEncryptionKey);
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (userId: string) => {
    let token = tokens.get(userId);
    if (!token) {
      token = accessTokenFor(db, key, provider, userId, now);
      tokens.set(userId, token);
    }
    return token;
  };
  let read = 0;
  let changed = 0;
  for (const row of rows) {
    read++;
    const next = await syncPower(db, row, async () => ({ provider, accessToken: await tokenOf(row.userId) }), time, {
      notifier,
      log,
    });
    if (next !== null) changed++;
  }
  return { timedOut, read, changed };
}
