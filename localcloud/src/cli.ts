/**
 * `localcloud` on the command line: reads its configuration from the environment once, starts, prints its URL,
 * and stops every gateway on SIGINT/SIGTERM.
 *   LOCALCLOUD_CLIENT_ID, LOCALCLOUD_CLIENT_SECRET   the OAuth client (required)
 *   LOCALCLOUD_PORT (default 0 = any), LOCALCLOUD_HOST (default 127.0.0.1), LOCALCLOUD_DATA_DIR,
 *   LOCALCLOUD_REDIRECT_URIS (comma-separated), LOCALCLOUD_BOOT_DELAY_MS, LOCALCLOUD_WORKSPACE_ROOT
 */
import { startLocalCloud } from './server.ts';

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const clientId = env.LOCALCLOUD_CLIENT_ID;
  const clientSecret = env.LOCALCLOUD_CLIENT_SECRET;
  if (!clientId || !clientSecret) {
    console.error('localcloud: set LOCALCLOUD_CLIENT_ID and LOCALCLOUD_CLIENT_SECRET');
    process.exit(2);
  }
  const cloud = await startLocalCloud({
    clientId,
    clientSecret,
    port: env.LOCALCLOUD_PORT ? Number(env.LOCALCLOUD_PORT) : 0,
    host: env.LOCALCLOUD_HOST || '127.0.0.1',
    dataDir: env.LOCALCLOUD_DATA_DIR || undefined,
    workspaceRoot: env.LOCALCLOUD_WORKSPACE_ROOT || undefined,
    redirectUris: env.LOCALCLOUD_REDIRECT_URIS?.split(',').filter(Boolean),
    bootDelayMs: env.LOCALCLOUD_BOOT_DELAY_MS ? Number(env.LOCALCLOUD_BOOT_DELAY_MS) : undefined,
  });
  console.log(cloud.url);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    cloud.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
