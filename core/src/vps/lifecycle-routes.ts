/**
 * The VPS lifecycle routes: create (`POST /api/vps`), power off/on (on again after a timed-out power-on: Retry), the
 * opt-in power-off of an unattended server (`auto-power-off.ts`), retry after a provisioning timeout, and destroy with
 * the droplet's name as confirmation. Every route: signed in, same origin, JSON, the user's own VPS.
 */

import type { ApiResponse } from '@vibecode/schemas';
import { count, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import { cloudAccess } from '../cloud/access.ts';
import { cloudConfig, publicOrigin } from '../cloud/cloud-config.ts';
import { DEFAULT_REGION } from '../cloud/digitalocean.ts';
import { type Db, openDb } from '../db/client.ts';
import { authorizedKeys, bootstrapTokens, gateways, sessions, vps } from '../db/schema.ts';
import { ApiError } from '../http/api-error.ts';
import { readApiBody } from '../http/json-body.ts';
import { addLogFields } from '../http/log-fields.ts';
import { sameOrigin } from '../http/same-origin.ts';
import { findOwnedVps } from '../ownership.ts';
import { dropletName, invalidName } from './droplet-name.ts';
import { launchDroplet } from './launch.ts';
import { powerOwnedVps } from './power-vps.ts';
import { retryOwnedVps } from './retry-vps.ts';
import { vpsView } from './vps-view.ts';

/** A bound per user; each is a paid server. */
export const MAX_VPS_PER_USER = 5;

type VpsRow = typeof vps.$inferSelect;

async function ownedVps(c: Context<AppEnv>, db: Db): Promise<VpsRow> {
  const row = await findOwnedVps(db, c.get('user').id, c.req.param('id') ?? '');
  addLogFields(c, { vps_id: row.id });
  return row;
}

function setStatus(db: Db, vpsId: string, status: VpsRow['status'], now: number) {
  return db.update(vps).set({ status, updatedAt: now }).where(eq(vps.id, vpsId));
}

export function vpsLifecycleRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.post('/api/vps', sameOrigin(), requireUser, async (c) => {
    const body = await readApiBody(c, 'POST /api/vps', { name: invalidName() });
    const region = body.region ?? DEFAULT_REGION;
    const { size } = body;
    const name = dropletName(body.name);
    const config = cloudConfig(c);
    const cloud = await cloudAccess(c);
    const { db } = cloud;
    const user = c.get('user');
    const [owned] = await db.select({ n: count() }).from(vps).where(eq(vps.userId, user.id));
    if ((owned?.n ?? 0) >= MAX_VPS_PER_USER) {
      throw new ApiError(409, 'vps.limit', `at most ${MAX_VPS_PER_USER} servers per account`);
    }
    const now = Date.now();
    const vpsId = crypto.randomUUID();
    const gatewayId = crypto.randomUUID();
    addLogFields(c, { vps_id: vpsId, gateway_id: gatewayId });
    await db.batch([
      db.insert(vps).values({
        id: vpsId,
        userId: user.id,
        name,
        region,
        size,
        status: 'provisioning',
        createdAt: now,
        updatedAt: now,
      }),
      db.insert(gateways).values({ id: gatewayId, vpsId, createdAt: now }),
    ]);
    try {
      await launchDroplet(
        c.env,
        cloud,
        config,
        publicOrigin(config, c.req.url),
        { vpsId, gatewayId, name, region, size },
        now,
      );
    } catch (error) {
      // No droplet is left behind (launchDroplet destroys one it created before failing): forget the rows.
      await db.delete(vps).where(eq(vps.id, vpsId));
      throw error;
    }
    c.get('log').info('vps provisioning', { region, size });
    const row = await findOwnedVps(db, user.id, vpsId);
    const gateway = (await db.query.gateways.findFirst({ where: eq(gateways.vpsId, vpsId) })) ?? null;
    return c.json({ vps: vpsView(row, gateway) } satisfies ApiResponse<'POST /api/vps'>, 201);
  });

  routes.post('/api/vps/:id/power', sameOrigin(), requireUser, async (c) => {
    const { action } = await readApiBody(c, 'POST /api/vps/:id/power');
    const row = await ownedVps(c, openDb(c.env.DB));
    const fresh = await powerOwnedVps(row, action, () => cloudAccess(c), c.get('answers'));
    c.get('log').info('vps power', { action });
    return c.json({ vps: vpsView(fresh, null) } satisfies ApiResponse<'POST /api/vps/:id/power'>);
  });

  // The hours count from this change at the earliest (updated_at): switching it on never powers off at once.
  routes.post('/api/vps/:id/auto-power-off', sameOrigin(), requireUser, async (c) => {
    const { hours } = await readApiBody(c, 'POST /api/vps/:id/auto-power-off');
    const db = openDb(c.env.DB);
    const row = await ownedVps(c, db);
    await db.update(vps).set({ autoPowerOffHours: hours, updatedAt: Date.now() }).where(eq(vps.id, row.id));
    c.get('log').info('vps auto power off set', { hours });
    const fresh = await findOwnedVps(db, row.userId, row.id);
    return c.json({ vps: vpsView(fresh, null) } satisfies ApiResponse<'POST /api/vps/:id/auto-power-off'>);
  });

  routes.post('/api/vps/:id/retry', sameOrigin(), requireUser, async (c) => {
    const row = await ownedVps(c, openDb(c.env.DB));
    const retried = await retryOwnedVps(row, {
      env: c.env,
      launch: async () => {
        const config = cloudConfig(c);
        return { config, cloud: await cloudAccess(c), cpUrl: publicOrigin(config, c.req.url) };
      },
      answers: c.get('answers'),
    });
    addLogFields(c, { gateway_id: retried.gatewayId });
    c.get('log').info('vps provisioning retried');
    return c.json({ vps: vpsView(retried.vps, null) } satisfies ApiResponse<'POST /api/vps/:id/retry'>);
  });

  routes.delete('/api/vps/:id', sameOrigin(), requireUser, async (c) => {
    const mismatch = new ApiError(400, 'vps.confirm_mismatch', 'confirm must be the exact name of the server');
    const { confirm } = await readApiBody(c, 'DELETE /api/vps/:id', { confirm: mismatch });
    const row = await ownedVps(c, openDb(c.env.DB));
    if (confirm !== row.name) throw mismatch;
    const { db, provider, accessToken } = await cloudAccess(c);
    await setStatus(db, row.id, 'destroying', Date.now());
    try {
      if (row.dropletId !== null) await provider.destroyServer(accessToken, String(row.dropletId));
    } catch (error) {
      await setStatus(db, row.id, row.status, Date.now());
      throw error;
    }
    await db.batch([
      db.delete(sessions).where(eq(sessions.vpsId, row.id)),
      db.delete(authorizedKeys).where(eq(authorizedKeys.vpsId, row.id)),
      db.delete(bootstrapTokens).where(eq(bootstrapTokens.vpsId, row.id)),
      db.delete(gateways).where(eq(gateways.vpsId, row.id)),
      db.delete(vps).where(eq(vps.id, row.id)),
    ]);
    c.get('log').info('vps destroyed');
    return c.body(null, 204);
  });

  return routes;
}
