/**
 * Starts (or, for Retry, restarts) a VPS's droplet: a fresh one-time bootstrap token, the cloud-init document
 * (control-plane URL, the signed gateway release and the script that installs it), the droplet itself, and the hub's
 * provisioning alarm, so a gateway that never says hello within `config.provisioningTimeoutMs` (10 min unless
 * PROVISIONING_TIMEOUT_SECONDS says otherwise) turns the VPS into `provisioning_timeout`. A droplet
 * created but not recorded is destroyed again before the error propagates.
 */
import { eq } from 'drizzle-orm';
import type { CloudAccess } from '../cloud/access.ts';
import type { CloudConfig } from '../config/cloud-settings.ts';
import { bootstrapTokens, vps } from '../db/schema.ts';
import { issueBootstrapToken } from '../gateways/bootstrap-token.ts';
import { hubStub } from '../hub/hub-client.ts';
import { cloudInitUserData } from './cloud-init.ts';

export interface LaunchTarget {
  vpsId: string;
  gatewayId: string;
  name: string;
  region: string;
  size: string;
}

export async function launchDroplet(
  env: Env,
  cloud: CloudAccess,
  config: CloudConfig,
  cpUrl: string,
  target: LaunchTarget,
  now: number,
): Promise<void> {
  const { db, provider, accessToken } = cloud;
  await db.delete(bootstrapTokens).where(eq(bootstrapTokens.vpsId, target.vpsId));
  const bootstrapToken = await issueBootstrapToken(db, target.vpsId, now);
  const userData = cloudInitUserData({
    cpUrl,
    bootstrapToken,
    gatewayArtifactUrl: config.gatewayArtifactUrl,
    gatewayPublicKeyPem: config.gatewaySigningPublicKey,
    allowHttp: config.allowHttp,
  });
  const server = await provider.createServer(accessToken, {
    name: target.name,
    region: target.region,
    size: target.size,
    userData,
  });
  try {
    await db
      .update(vps)
      .set({ dropletId: Number(server.id), ipv4: server.ipv4, status: 'provisioning', updatedAt: now })
      .where(eq(vps.id, target.vpsId));
    await hubStub(env, target.gatewayId).watchProvisioning(
      target.gatewayId,
      target.vpsId,
      now + config.provisioningTimeoutMs,
    );
  } catch (error) {
    // Without its row or its timeout the droplet would run (and cost) unseen: take it down again.
    await provider.destroyServer(accessToken, server.id);
    throw error;
  }
}
