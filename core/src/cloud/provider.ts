/**
 * What the control plane needs from a cloud: OAuth to the user's account, the catalogue (regions, sizes) and one
 * server's life (create, get, power off/on, destroy). Provider-neutral: ids are strings, sizes in MB/GB, times in
 * epoch milliseconds. `DigitalOceanProvider` is the first implementation.
 */

export interface CloudAccount {
  uuid: string;
  email: string;
  name: string;
}

/** What the caller stores (encrypted) per connection; `refresh` and `freshTokens` give back a new one to store. */
export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms after which the access token no longer works. */
  expiresAt: number;
  scope: string;
  account: CloudAccount;
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
  memoryMb: number;
  vcpus: number;
  diskGb: number;
  priceMonthly: number;
  priceHourly: number;
  regions: string[];
  available: boolean;
}

export type ServerStatus = 'new' | 'active' | 'off' | 'archive';

export interface Server {
  id: string;
  name: string;
  status: ServerStatus;
  /** Public IPv4, once the cloud has assigned one. */
  ipv4: string | null;
  region: string;
  size: string;
  tags: string[];
  createdAt: string;
}

export interface CreateServerInput {
  name: string;
  size: string;
  /** cloud-init `user_data` (see `cloudInitUserData`). */
  userData: string;
  /** Default `ams3`. */
  region?: string;
  /** Default `['vibecode']`. */
  tags?: string[];
  /** Default `debian-12-x64`, the image the cloud-init document targets. */
  image?: string;
}

export interface CloudProvider {
  /** Where to send the browser; `state` must be bound to the user's web session (see `oauth-states.ts`). */
  authorizeUrl(state: string): string;
  /**
   * Handles the OAuth callback's query: checks `state` against the session's (constant-time) before anything
   * else, then trades the code for tokens. Throws `cloud.oauth_state_mismatch`, `cloud.oauth_denied` or
   * `cloud.oauth_failed`.
   */
  completeAuthorization(callback: URLSearchParams, expectedState: string): Promise<TokenSet>;
  /** Trades the refresh token for a new token set (the old refresh token stops working). */
  refresh(refreshToken: string): Promise<TokenSet>;
  /** Ends the grant (on disconnect). */
  revoke(accessToken: string): Promise<void>;
  listRegions(accessToken: string): Promise<Region[]>;
  listSizes(accessToken: string): Promise<Size[]>;
  createServer(accessToken: string, input: CreateServerInput): Promise<Server>;
  getServer(accessToken: string, id: string): Promise<Server>;
  /** Idempotent: a server that is already gone counts as destroyed. */
  destroyServer(accessToken: string, id: string): Promise<void>;
  /** Resolves once the cloud reports the action completed (bounded, see the provider's poll options). */
  powerOff(accessToken: string, id: string): Promise<void>;
  powerOn(accessToken: string, id: string): Promise<void>;
  /** Off and on again, hard (DigitalOcean's `power_cycle`): works on a running droplet whatever its OS is doing. */
  powerCycle(accessToken: string, id: string): Promise<void>;
  /** The cloud's own console page for a server (the "Check console" link after a provisioning timeout). */
  consoleUrl(id: string): string;
}
