/**
 * Rows the way provisioning creates them (a VPS, its gateway row, a bootstrap token), then the gateway's own
 * registration through the real route, which yields its long-lived credential.
 */
import { env, exports } from 'cloudflare:workers';
import { openDb } from '../../src/db/client.ts';
import { gateways, vps } from '../../src/db/schema.ts';
import { issueBootstrapToken } from '../../src/gateways/bootstrap-token.ts';

export async function insertVps(userId: string, name = 'dev-box'): Promise<{ vpsId: string; gatewayId: string }> {
  const db = openDb(env.DB);
  const now = Date.now();
  const vpsId = crypto.randomUUID();
  const gatewayId = crypto.randomUUID();
  await db.insert(vps).values({
    id: vpsId,
    userId,
    name,
    region: 'nyc1',
    size: 's-1vcpu-1gb',
    status: 'provisioning',
    createdAt: now,
    updatedAt: now,
  });
  await db.insert(gateways).values({ id: gatewayId, vpsId, createdAt: now });
  return { vpsId, gatewayId };
}

export function registerGatewayRequest(bootstrapToken: unknown): Promise<Response> {
  return exports.default.fetch('http://localhost/api/gateways/register', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ bootstrap_token: bootstrapToken }),
  });
}

export async function createVpsWithGateway(
  userId: string,
): Promise<{ vpsId: string; gatewayId: string; credential: string }> {
  const { vpsId } = await insertVps(userId);
  const bootstrapToken = await issueBootstrapToken(openDb(env.DB), vpsId, Date.now());
  const res = await registerGatewayRequest(bootstrapToken);
  if (res.status !== 200) throw new Error(`gateway registration failed: ${res.status} ${await res.text()}`);
  const { gateway_id, credential } = (await res.json()) as { gateway_id: string; credential: string };
  return { vpsId, gatewayId: gateway_id, credential };
}
