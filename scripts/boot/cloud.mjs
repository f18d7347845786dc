/**
 * The cloud side of a local system: localcloud (the DigitalOcean stand-in) as a process, and the Worker vars that
 * point the control plane at a localcloud and at a signed gateway release (core/README.md "Cloud settings").
 */
import { join } from 'node:path';
import { startChild } from './child.mjs';
import { root } from './root.mjs';

/**
 * @param {{ cloudUrl: string, clientId: string, clientSecret?: string, workspaceRoot: string,
 *   release: { artifactUrl: string, publicKeyPem: string } }} options
 * @returns {Record<string, string>}
 */
export function cloudVars({ cloudUrl, clientId, clientSecret, workspaceRoot, release }) {
  return {
    DO_API_BASE_URL: cloudUrl,
    DO_OAUTH_BASE_URL: cloudUrl,
    DO_CLIENT_ID: clientId,
    // A secret in production; locally a var reaches the Worker's env the same way (npm start has it in .dev.vars).
    ...(clientSecret ? { DO_CLIENT_SECRET: clientSecret } : {}),
    // The release (http: allowed in local mode only); droplets verify it with this key.
    GATEWAY_ARTIFACT_URL: release.artifactUrl,
    GATEWAY_SIGNING_PUBLIC_KEY: release.publicKeyPem.trim().replaceAll('\n', '\\n'),
    // Session workdirs are named under this root; localcloud gives its droplets' gateways the same one.
    VPS_WORKSPACE_ROOT: workspaceRoot,
  };
}

/**
 * localcloud's own process (localcloud/bin), as `npm start` runs it; stop it with `stop('leader')` so it can stop
 * its gateways and their tmux servers itself.
 * @param {{ port: number, clientId: string, clientSecret: string, dataDir: string, workspaceRoot: string,
 *   redirectUris: string[], onOutput?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void }} options
 */
export function startLocalcloudProcess({
  port,
  clientId,
  clientSecret,
  dataDir,
  workspaceRoot,
  redirectUris,
  onOutput,
}) {
  return startChild(process.execPath, [join(root, 'localcloud', 'bin', 'localcloud.js')], {
    env: {
      LOCALCLOUD_CLIENT_ID: clientId,
      LOCALCLOUD_CLIENT_SECRET: clientSecret,
      LOCALCLOUD_PORT: String(port),
      LOCALCLOUD_HOST: '127.0.0.1',
      LOCALCLOUD_DATA_DIR: dataDir,
      LOCALCLOUD_REDIRECT_URIS: redirectUris.join(','),
      LOCALCLOUD_WORKSPACE_ROOT: workspaceRoot,
    },
    onOutput,
  });
}
