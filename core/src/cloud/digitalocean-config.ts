/** DigitalOcean provider configuration: validated once where the Worker starts, then passed down. */
import { CloudError } from './cloud-error.ts';
import { parseUrl } from './url.ts';

export interface DigitalOceanConfig {
  /** API origin, `https://api.digitalocean.com` (or localcloud's URL). */
  apiBaseUrl: string;
  /** Control panel + OAuth origin, `https://cloud.digitalocean.com` (or localcloud's URL). */
  cloudBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The control plane's `/api/cloud/callback` URL, as registered with the OAuth application. */
  redirectUri: string;
  /** OAuth scope; default `DIGITALOCEAN_SCOPES`. */
  scope: string;
  /** Items per list page, 1..200; default 200 (fewest requests). */
  pageSize: number;
}

/**
 * Exactly the custom scopes VibeCode's DigitalOcean calls need, instead of the all-account `read write`: droplets
 * created (tagged, so `tag:create`), read, powered on/off (an update) and destroyed; the actions polled; regions and
 * sizes listed. DigitalOcean will not grant `droplet:create` without `image:read` (nor without regions, sizes and
 * actions read, which we use anyway). The README's DigitalOcean section says why each is there.
 */
export const DIGITALOCEAN_SCOPES = [
  'droplet:create',
  'droplet:read',
  'droplet:update',
  'droplet:delete',
  'actions:read',
  'regions:read',
  'sizes:read',
  'image:read',
  'tag:create',
] as const;

export const DIGITALOCEAN_DEFAULTS = {
  apiBaseUrl: 'https://api.digitalocean.com',
  cloudBaseUrl: 'https://cloud.digitalocean.com',
  scope: DIGITALOCEAN_SCOPES.join(' '),
  pageSize: 200,
} as const;

function httpUrl(name: string, value: string | undefined): string {
  const url = parseUrl(value);
  if (!url || !value) throw new CloudError('cloud.config', `${name} must be an absolute URL`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CloudError('cloud.config', `${name} must be an http(s) URL`);
  }
  return value.replace(/\/+$/, '');
}

/** Refuses to build a provider without a client id, secret or callback: no half-configured OAuth. */
export function parseDigitalOceanConfig(input: {
  apiBaseUrl?: string;
  cloudBaseUrl?: string;
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
  scope?: string;
  pageSize?: number;
}): DigitalOceanConfig {
  if (!input.clientId) throw new CloudError('cloud.config', 'DigitalOcean clientId is not configured');
  if (!input.clientSecret) throw new CloudError('cloud.config', 'DigitalOcean clientSecret is not configured');
  const pageSize = input.pageSize ?? DIGITALOCEAN_DEFAULTS.pageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) {
    throw new CloudError('cloud.config', 'pageSize must be an integer from 1 to 200');
  }
  return {
    apiBaseUrl: httpUrl('apiBaseUrl', input.apiBaseUrl ?? DIGITALOCEAN_DEFAULTS.apiBaseUrl),
    cloudBaseUrl: httpUrl('cloudBaseUrl', input.cloudBaseUrl ?? DIGITALOCEAN_DEFAULTS.cloudBaseUrl),
    clientId: input.clientId,
    clientSecret: input.clientSecret,
    redirectUri: httpUrl('redirectUri', input.redirectUri),
    scope: input.scope?.trim() || DIGITALOCEAN_DEFAULTS.scope,
    pageSize,
  };
}
