/** The JSON shapes of `GET /api/vps` and `GET /api/vps/:id` (schemas/api: vps.json, gateway.json, health.json). */
import type { Gateway, GatewayHealth, Health, Vps } from '@vibecode/schemas';
import type { gateways, vps } from '../db/schema.ts';

type VpsRow = typeof vps.$inferSelect;
type GatewayRow = typeof gateways.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function gatewayView(gateway: GatewayRow): Gateway {
  return {
    id: gateway.id,
    version: gateway.version,
    connected: gateway.connected,
    last_seen_at: iso(gateway.lastSeenAt),
  };
}

/** The latest `gateway.health` the hub stored, without its envelope; `null` if none arrived or it is unreadable. */
export function healthView(gateway: GatewayRow): Health | null {
  if (gateway.healthJson === null || gateway.healthAt === null) return null;
  let health: GatewayHealth;
  try {
    health = JSON.parse(gateway.healthJson) as GatewayHealth;
  } catch {
    return null;
  }
  const { cpu, mem, disk, uptime, last_activity_at } = health;
  return { cpu, mem, disk, uptime, last_activity_at, reported_at: new Date(gateway.healthAt).toISOString() };
}

export function vpsView(row: VpsRow, gateway: GatewayRow | null): Vps {
  return {
    id: row.id,
    name: row.name,
    region: row.region,
    size: row.size,
    ipv4: row.ipv4,
    status: row.status,
    created_at: new Date(row.createdAt).toISOString(),
    auto_power_off_hours: row.autoPowerOffHours,
    gateway: gateway ? gatewayView(gateway) : null,
  };
}
