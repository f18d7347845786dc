/**
 * What `GET /api/vps/:id` adds for a VPS whose provisioning timed out: that Retry is possible
 * (`POST /api/vps/:id/retry`) and the cloud's console page for the droplet, to see why it did not come up; and that
 * console page for any droplet, the way in while its gateway is offline.
 */
import type { VpsDetail } from '@vibecode/schemas';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { cloudProvider } from '../cloud/cloud-config.ts';
import type { vps } from '../db/schema.ts';

export function provisioningView(c: Context<AppEnv>, row: typeof vps.$inferSelect): VpsDetail['provisioning_timeout'] {
  if (row.status !== 'provisioning_timeout') return null;
  return { retry: true, console_url: consoleUrl(c, row) };
}

/** The droplet's console page (seed §3, level 4: the way in when the gateway is not), if there is a droplet. */
export function consoleUrl(c: Context<AppEnv>, row: typeof vps.$inferSelect): string | null {
  return row.dropletId !== null && c.get('config').cloud.ok ? cloudProvider(c).consoleUrl(String(row.dropletId)) : null;
}
