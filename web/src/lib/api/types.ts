/**
 * The JSON the control plane answers, as the browser reads it. The server's source for each shape:
 * `core/src/routes/vps-view.ts` (VPS, gateway, health), `core/src/hub/health-route.ts` (health history),
 * `core/src/sessions/session-json.ts` (sessions), `core/src/email/outbox-sender.ts` (outbox), `core/src/auth/users.ts`
 * (user), `core/src/keys/store.ts` (SSH keys),
 * `core/src/files/routes.ts` (uploads), `core/src/cloud/routes.ts` (cloud), `core/src/provisioning/timeout-view.ts`,
 * `core/src/notify/routes.ts` (notices). Field names are the wire names.
 */
import type { GatewayHealth } from '@vibecode/schemas';

export type VpsStatus =
  | 'provisioning'
  | 'ready'
  | 'offline'
  | 'powering_off'
  | 'powered_off'
  | 'powering_on'
  | 'provisioning_timeout'
  | 'destroying';

export interface User {
  id: string;
  email: string;
}

export interface Gateway {
  id: string;
  version: string | null;
  connected: boolean;
  last_seen_at: string | null;
}

export type Health = Pick<GatewayHealth, 'cpu' | 'mem' | 'disk' | 'uptime' | 'last_activity_at'> & {
  reported_at: string;
};

/** One sample of the hub's last hour of health; `at` is when the hub received it. */
export type HealthSample = Pick<GatewayHealth, 'cpu' | 'mem' | 'disk'> & { at: string };

export interface VpsHealth {
  vps_id: string;
  status: VpsStatus;
  connected: boolean;
  last_seen_at: string | null;
  /** The latest `gateway.health` message as the gateway sent it. */
  health: GatewayHealth | null;
  health_at: string | null;
  last_activity_at: string | null;
  /** Oldest first, the last hour, at most 120. */
  history: HealthSample[];
}

export interface Vps {
  id: string;
  name: string;
  region: string;
  size: string;
  ipv4: string | null;
  status: VpsStatus;
  created_at: string;
  gateway: Gateway | null;
}

export interface VpsDetail extends Vps {
  gateway: (Gateway & { health: Health | null }) | null;
  /** Set while the status is `provisioning_timeout`: Retry is possible; the cloud's console page, if known. */
  provisioning_timeout: { retry: boolean; console_url: string | null } | null;
}

export interface CloudConnection {
  provider: 'digitalocean';
  account_email: string | null;
  connected_at: string;
}

export interface Region {
  slug: string;
  name: string;
  available: boolean;
  sizes: string[];
}

export interface Size {
  slug: string;
  description: string;
  memory_mb: number;
  vcpus: number;
  disk_gb: number;
  price_monthly: number;
  price_hourly: number;
  regions: string[];
  available: boolean;
}

export interface Notice {
  id: string;
  kind: 'vps.idle' | 'vps.offline' | 'vps.provisioning_timeout';
  vps_id: string;
  created_at: string;
}

export const agentTypes = ['claude', 'codex', 'gemini', 'shell'] as const;
export type AgentType = (typeof agentTypes)[number];

export interface Session {
  id: string;
  vps_id: string;
  /** The protocol's session_id: the number binary frames carry. */
  number: number;
  title: string;
  agent_type: AgentType;
  status: 'starting' | 'running' | 'ended' | 'error';
  created_at: string;
  last_activity_at: string | null;
  ended_at: string | null;
  inactive: boolean;
}

export interface OutboxEntry {
  to: string;
  subject: string;
  text: string;
  link: string;
  sent_at: string;
}

export interface SshKey {
  /** OpenSSH SHA256 fingerprint, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  label: string;
  type: 'user' | 'support';
  public_key: string;
  expires_at: string | null;
  created_at: string;
}

export interface UploadedFile {
  path: string;
  size: number;
  sha256: string;
}
