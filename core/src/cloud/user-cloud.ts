/**
 * A user's cloud outside a request (a chat's button, the cron): the provider from the config alone and a fresh
 * access token. `origin` only names the OAuth callback, which acting on a droplet and refreshing a token never use.
 */
import type { Logger } from '@vibecode/schemas/log';
import type { CloudConfig } from '../config/cloud-settings.ts';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/client.ts';
import { ApiError } from '../http/api-error.ts';
import type { CloudAccess } from './access.ts';
import { providerFor } from './cloud-config.ts';
import { accessTokenFor, tokenKey } from './connection.ts';

export function cloudOfUser(
  db: Db,
  config: Config,
  log: Logger,
): (userId: string) => Promise<{ cloud: CloudAccess; cloudConfig: CloudConfig }> {
  return async (userId) => {
    if (!config.cloud.ok) {
      throw new ApiError(503, 'cloud.not_configured', 'connecting a cloud is not configured on this server');
    }
    const provider = providerFor(config.cloud.value, config.publicUrl ?? 'http://localhost', log);
    const key = await tokenKey(config.tokenEncryptionKey);
    const accessToken = await accessTokenFor(db, key, provider, userId, Date.now());
    return { cloud: { provider, db, accessToken }, cloudConfig: config.cloud.value };
  };
}
