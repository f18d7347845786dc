/** Everything a route needs to call the user's cloud: the provider, the database and a fresh access token. */
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { type Db, openDb } from '../db/client.ts';
import type { CloudProvider } from '../vps/provider.ts';
import { cloudConfig, cloudProvider } from './cloud-config.ts';
import { accessTokenFor, tokenKey } from './connection.ts';

export interface CloudAccess {
  provider: CloudProvider;
  db: Db;
  accessToken: string;
}

export async function cloudAccess(c: Context<AppEnv>): Promise<CloudAccess> {
  const provider = cloudProvider(c, cloudConfig(c));
  const db = openDb(c.env.DB);
  const key = await tokenKey(c.get('config').tokenEncryptionKey);
  const accessToken = await accessTokenFor(db, key, provider, c.get('user').id, Date.now());
  return { provider, db, accessToken };
}
