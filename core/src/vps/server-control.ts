/**
 * What a channel may do to a user's VPSs (a chat's /power and /keys, and its choice of server for /new): the same
 * ownership checks and shared functions as the web's VPS routes (`channel-server-control.ts`). Results are values: a
 * channel answers the user with the error's message.
 */
import type { SshKey, VpsStatus } from '@vibecode/schemas';
import type { ControlResult } from '../sessions/session-control.ts';
import type { PowerAction } from './power.ts';

/** A VPS as a chat lists it. `size` is the cloud's size slug (`s-1vcpu-1gb`). */
export interface ServerSummary {
  vpsId: string;
  name: string;
  status: VpsStatus;
  region: string;
  size: string;
}

export interface ServerControl {
  /** The user's VPSs, newest first (as the dashboard lists them). */
  list(userId: string): Promise<ServerSummary[]>;
  /**
   * Powers the user's VPS off or on as the web's `POST /api/vps/:id/power` does, with its errors: `vps.not_found`,
   * `vps.invalid_state`, `cloud.not_configured`, `cloud.not_connected`, the cloud's own (`cloud.unavailable`…).
   */
  power(userId: string, vpsId: string, action: PowerAction): Promise<ControlResult<ServerSummary>>;
  /** The SSH keys on the user's VPS as the web lists them (expired support keys left out). */
  keys(userId: string, vpsId: string): Promise<ControlResult<SshKey[]>>;
}
