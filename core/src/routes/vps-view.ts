/** The JSON shapes of `GET /api/vps` and `GET /api/vps/:id` (documented in core/README.md, "API"). */
import type { GatewayHealth } from '@vibecode/schemas';
import type { gateways, vps } from '../db/schema.ts';

type VpsRow = typeof vps.$inferSelect;
type GatewayRow = typeof gateways.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export type GatewayView = {
  id: string;
  version: string | null;
  connected: boolean;
  last_seen_at: string | null;
};

export type HealthView = Pick<GatewayHealth, 'cpu' | 'mem' | 'disk' | 'uptime' | 'last_activity_at'> & {
  reported_at: string;
};

export type VpsView = {
  id: string;
  name: string;
  region: string;
  size: string;
  ipv4: string | null;
  status: VpsRow['status'];
  created_at: string;
  gateway: GatewayView | null;
};

export function gatewayView(gateway: GatewayRow): GatewayView {
  return {
    id: gateway.id,
    version: gateway.version,
    connected: gateway.connected,
    last_seen_at: iso(gateway.lastSeenAt),
  };
}

/** The latest `gateway.health` the hub stored, without its envelope; `null` if none arrived or it is unreadable. */
export function healthView(gateway: GatewayRow): HealthView | null {
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

export function vpsView(row: VpsRow, gateway: GatewayRow | null): VpsView {
  return {
    id: row.id,
    name: row.name,
    region: row.region,
    size: row.size,
    ipv4: row.ipv4,
    status: row.status,
    created_at: new Date(row.createdAt).toISOString(),
    gateway: gateway ? gatewayView(gateway) : null,
  };
}
