/**
 * A droplet has no public address while it is `new`, which is when it is created, so the VPS row starts without
 * one. Its gateway registering is the proof the droplet is up: then the address is read from the cloud and kept.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { cloudAccessFor } from '../cloud/access.ts';
import { openDb } from '../db/client.ts';
import { vps } from '../db/schema.ts';

/** Records the droplet's public IPv4 on a VPS that has none yet; a cloud that cannot say is logged, not fatal. */
export async function recordDropletAddress(c: Context<AppEnv>, vpsId: string): Promise<void> {
  const [row] = await openDb(c.env.DB).select().from(vps).where(eq(vps.id, vpsId)).limit(1);
  if (!row || row.ipv4 !== null || row.dropletId === null || !c.get('config').cloud.ok) return;
  try {
    const { db, provider, accessToken } = await cloudAccessFor(c, row.userId);
    const server = await provider.getServer(accessToken, String(row.dropletId));
    if (server.ipv4 === null) return;
    // Only the droplet that was asked about: a Retry may have replaced it meanwhile.
    await db
      .update(vps)
      .set({ ipv4: server.ipv4 })
      .where(and(eq(vps.id, vpsId), eq(vps.dropletId, row.dropletId), isNull(vps.ipv4)));
  } catch (error) {
    c.get('log').warn('droplet address unknown', { error: String(error) });
  }
}
