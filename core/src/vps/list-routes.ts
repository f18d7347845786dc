/**
 * `GET /api/vps` (the user's VPS list) and `GET /api/vps/:id` (one VPS with its gateway: latest health, version,
 * the release on offer, the update in progress or its last result, a protocol refusal; the droplet's power as the
 * cloud reports it when no gateway proves it, and the cloud's console page).
 */
import type { ApiResponse } from '@vibecode/schemas';
import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import { openDb } from '../db/client.ts';
import { gateways, vps } from '../db/schema.ts';
import { addLogFields } from '../http/log-fields.ts';
import { findOwnedVps } from '../ownership.ts';
import { gatewayReleaseFields } from '../release/detail-fields.ts';
import { currentPower } from './page-power.ts';
import { consoleUrl, provisioningView } from './timeout-view.ts';
import { healthView, vpsView } from './vps-view.ts';

export function vpsListRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/api/vps', requireUser, async (c) => {
    const rows = await openDb(c.env.DB)
      .select()
      .from(vps)
      .leftJoin(gateways, eq(gateways.vpsId, vps.id))
      .where(eq(vps.userId, c.get('user').id))
      .orderBy(desc(vps.createdAt), vps.id);
    return c.json({ vps: rows.map((row) => vpsView(row.vps, row.gateways)) } satisfies ApiResponse<'GET /api/vps'>);
  });

  routes.get('/api/vps/:id', requireUser, async (c) => {
    const db = openDb(c.env.DB);
    const found = await findOwnedVps(db, c.get('user').id, c.req.param('id'));
    addLogFields(c, { vps_id: found.id });
    const gateway = (await db.query.gateways.findFirst({ where: eq(gateways.vpsId, found.id) })) ?? null;
    const row = await currentPower(c, db, found, gateway);
    const view = vpsView(row, gateway);
    if (gateway) addLogFields(c, { gateway_id: gateway.id });
    const release = gateway ? await gatewayReleaseFields(c, gateway) : null;
    return c.json({
      vps: {
        ...view,
        gateway:
          view.gateway && gateway && release ? { ...view.gateway, health: healthView(gateway), ...release } : null,
        provisioning_timeout: provisioningView(c, row),
        console_url: consoleUrl(c, row),
        checked_at: new Date().toISOString(),
      },
    } satisfies ApiResponse<'GET /api/vps/:id'>);
  });

  return routes;
}
