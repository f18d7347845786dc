/**
 * `GET /api/vps/:id/health`: the latest `gateway.health` the hub recorded, whether the gateway is connected, and
 * the hub's samples of the last hour (oldest first) for the chart.
 */
import type { ApiResponse, GatewayHealth, HealthSample as HealthSampleJson } from '@vibecode/schemas';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import { openDb } from '../db/client.ts';
import { gateways } from '../db/schema.ts';
import { addLogFields } from '../http/log-fields.ts';
import { findOwnedVps } from '../ownership.ts';
import type { HealthSample } from './health-history.ts';
import { hubStub } from './hub-client.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const historyJson = (s: HealthSample): HealthSampleJson => ({
  at: new Date(s.at).toISOString(),
  cpu: s.cpu,
  mem: { used: s.mem_used, total: s.mem_total },
  disk: { used: s.disk_used, total: s.disk_total },
});

export const healthRoutes = new Hono<AppEnv>().get('/api/vps/:id/health', requireUser, async (c) => {
  const db = openDb(c.env.DB);
  const vps = await findOwnedVps(db, c.get('user').id, c.req.param('id'));
  addLogFields(c, { vps_id: vps.id });
  const [gateway] = await db.select().from(gateways).where(eq(gateways.vpsId, vps.id)).limit(1);
  const history = gateway ? await hubStub(c.env, gateway.id).healthHistory() : [];
  return c.json({
    vps_id: vps.id,
    status: vps.status,
    connected: gateway?.connected ?? false,
    last_seen_at: iso(gateway?.lastSeenAt ?? null),
    // The hub stores the message as it validated it (gateway.health's schema).
    health: gateway?.healthJson ? (JSON.parse(gateway.healthJson) as GatewayHealth) : null,
    health_at: iso(gateway?.healthAt ?? null),
    last_activity_at: iso(gateway?.lastActivityAt ?? null),
    history: history.map(historyJson),
    // This clock stamped health_at too: the page judges the report's age by it, not by the browser's.
    checked_at: new Date().toISOString(),
  } satisfies ApiResponse<'GET /api/vps/:id/health'>);
});
