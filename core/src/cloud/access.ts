/** Everything a route needs to call the user's cloud: the provider, the database and a fresh access token. */
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { type Db, openDb } from '../db/client.ts';
import { cloudConfig, cloudProvider } from './cloud-config.ts';
import { accessTokenFor, tokenKey } from './connection.ts';
import type { CloudProvider } from './provider.ts';

export interface CloudAccess {
  provider: CloudProvider;
  db: Db;
  accessToken: string;
}

/** The signed-in user's cloud. */
export function cloudAccess(c: Context<AppEnv>): Promise<CloudAccess> {
  return cloudAccessFor(c, c.get('user').id);
}

/** A given user's cloud, for work done on their behalf outside their own request (a gateway's registration). */
export async function cloudAccessFor(c: Context<AppEnv>, userId: string): Promise<CloudAccess> {
  const provider = cloudProvider(c, cloudConfig(c));
  const db = openDb(c.env.DB);
  const key = await tokenKey(c.get('config').tokenEncryptionKey);
  const accessToken = await accessTokenFor(db, key, provider, userId, Date.now());
  return { provider, db, accessToken };
}
