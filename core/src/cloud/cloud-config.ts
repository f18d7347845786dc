/**
 * The cloud routes' view of the config: the validated `CloudConfig` or a 503 `cloud.not_configured` (problems
 * logged by name), and the DigitalOcean provider built from it for this request's origin.
 */
import type { Logger } from '@vibecode/schemas/log';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { CloudConfig } from '../config/cloud-settings.ts';
import { ApiError } from '../http/api-error.ts';
import { DigitalOceanProvider } from './digitalocean.ts';
import { parseDigitalOceanConfig } from './digitalocean-config.ts';
import type { CloudProvider } from './provider.ts';
import type { RetryPolicy } from './retry.ts';

export const CALLBACK_PATH = '/api/cloud/callback';

export function cloudConfig(c: Context<AppEnv>): CloudConfig {
  const settings = c.get('config').cloud;
  if (settings.ok) return settings.value;
  c.get('log').error('cloud not configured: refusing cloud routes', { problems: settings.problems });
  throw new ApiError(503, 'cloud.not_configured', 'connecting a cloud is not configured on this server');
}

/** The Worker's public origin: `PUBLIC_URL`, or in local mode the origin this request came to. */
export function publicOrigin(config: CloudConfig, requestUrl: string): string {
  return config.publicUrl ?? new URL(requestUrl).origin;
}

export function cloudProvider(c: Context<AppEnv>, config = cloudConfig(c)): CloudProvider {
  return providerFor(config, publicOrigin(config, c.req.url), c.get('log'));
}

/**
 * The provider from the config alone, for work outside a request (the cron: `origin` then only names the OAuth
 * callback, which it never uses) or with another retry policy than the default.
 */
export function providerFor(
  config: CloudConfig,
  origin: string,
  log: Logger,
  retry?: Partial<RetryPolicy>,
): CloudProvider {
  const doConfig = parseDigitalOceanConfig({
    apiBaseUrl: config.apiBaseUrl,
    cloudBaseUrl: config.oauthBaseUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectUri: `${origin}${CALLBACK_PATH}`,
  });
  return new DigitalOceanProvider(doConfig, {
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log,
    retry,
  });
}
