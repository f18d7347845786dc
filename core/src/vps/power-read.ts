/**
 * Reads a droplet's power state from the cloud and brings its VPS's status in line (`power-sync.ts`), for the
 * server page's `GET /api/vps/:id` and the cron sweep. Each read is claimed first with a conditional update of
 * `power_checked_at`, so however many pages and sweeps ask, a VPS's droplet is read at most once per interval
 * (`CloudConfig.powerCheckIntervalMs`) across every isolate; the status is then written only if it is still the one
 * read, so a power action or a gateway's hello in between wins. A power-on past its deadline becomes
 * `power_on_timeout`.
 */
import type { VpsStatus } from '@vibecode/schemas';
import { and, eq, isNull, lte, or } from 'drizzle-orm';
import { isCloudError } from '../cloud/cloud-error.ts';
import type { CloudProvider } from '../cloud/provider.ts';
import type { Db } from '../db/client.ts';
import { vps } from '../db/schema.ts';
import { type AnswerListeners, dismissAnsweredNotices } from '../notify/answered-notices.ts';
import { POWER_ON_TIMEOUT_MS, type Power, statusFromPower } from './power-sync.ts';

type VpsRow = typeof vps.$inferSelect;

/** What one read needs: opened only once the read is claimed, so a read that is not due costs no token work. */
export interface PowerReader {
  provider: Pick<CloudProvider, 'getServer'>;
  accessToken: string;
}

/** When a read happens and how often one may. */
export interface PowerCheckTime {
  now: number;
  intervalMs: number;
}

async function claimPowerCheck(db: Db, vpsId: string, { now, intervalMs }: PowerCheckTime): Promise<boolean> {
  const claimed = await db
    .update(vps)
    .set({ powerCheckedAt: now })
    .where(and(eq(vps.id, vpsId), or(isNull(vps.powerCheckedAt), lte(vps.powerCheckedAt, now - intervalMs))))
    .returning({ id: vps.id });
  return claimed.length > 0;
}

/**
 * Reads the droplet, when this caller wins the claim, and applies what it says; the status written, or null when
 * nothing changed. Never throws for the cloud's sake: a failed read is logged and D1's status stays.
 */
export async function syncPower(
  db: Db,
  row: Pick<VpsRow, 'id' | 'status' | 'dropletId'>,
  reader: () => Promise<PowerReader>,
  time: PowerCheckTime,
  answers: AnswerListeners,
): Promise<VpsStatus | null> {
  const { log } = answers;
  const { now } = time;
  if (row.dropletId === null || !(await claimPowerCheck(db, row.id, time))) return null;
  let power: Power | null;
  try {
    const { provider, accessToken } = await reader();
    const { status } = await provider.getServer(accessToken, String(row.dropletId));
    // `new` (still being created) and `archive` say nothing about a running VPS's power.
    power = status === 'active' ? 'on' : status === 'off' ? 'off' : null;
  } catch (error) {
    const reason = isCloudError(error) ? error.code : error instanceof Error ? error.message : String(error);
    log.warn('power read failed: the status stays as recorded', { vps_id: row.id, error: reason });
    return null;
  }
  const next = power === null ? null : statusFromPower(row.status, power);
  if (next === null) return null;
  const moved = await db
    .update(vps)
    .set({ status: next, updatedAt: now })
    .where(and(eq(vps.id, row.id), eq(vps.status, row.status)))
    .returning({ id: vps.id });
  if (moved.length === 0) return null;
  // Powered off is the answer to an idle notice, whoever powered it off.
  if (next === 'powered_off') {
    await dismissAnsweredNotices(db, answers, { vpsId: row.id, kind: 'vps.idle', answer: 'powered_off' }, now);
  }
  log.info('vps power changed outside VibeCode', { vps_id: row.id, from: row.status, to: next, power });
  return next;
}

/** Powering-on VPSs past the deadline become `power_on_timeout`: one (`vpsId`) or every one; their ids. */
export async function expirePowerOns(db: Db, now: number, vpsId?: string): Promise<string[]> {
  const rows = await db
    .update(vps)
    .set({ status: 'power_on_timeout', updatedAt: now })
    .where(
      and(
        eq(vps.status, 'powering_on'),
        lte(vps.updatedAt, now - POWER_ON_TIMEOUT_MS),
        vpsId === undefined ? undefined : eq(vps.id, vpsId),
      ),
    )
    .returning({ id: vps.id });
  return rows.map((r) => r.id);
}
