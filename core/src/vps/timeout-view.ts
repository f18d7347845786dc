/**
 * What `GET /api/vps/:id` adds for a VPS whose provisioning timed out: that Retry is possible
 * (`POST /api/vps/:id/retry`) and the cloud's console page for the droplet, to see why it did not come up.
 */
import type { VpsDetail } from '@vibecode/schemas';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { cloudProvider } from '../cloud/cloud-config.ts';
import type { vps } from '../db/schema.ts';

export function provisioningView(c: Context<AppEnv>, row: typeof vps.$inferSelect): VpsDetail['provisioning_timeout'] {
  if (row.status !== 'provisioning_timeout') return null;
  const consoleUrl =
    row.dropletId !== null && c.get('config').cloud.ok ? cloudProvider(c).consoleUrl(String(row.dropletId)) : null;
  return { retry: true, console_url: consoleUrl };
}
