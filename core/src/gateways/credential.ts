/**
 * Gateway credentials: a bootstrap token is traded once for a long-lived credential (32 random bytes,
 * base64url) of which only the SHA-256 is stored. Registering again (a reinstall, with a new bootstrap token)
 * replaces the credential, so the old one stops working.
 */
import { eq } from 'drizzle-orm';
import { sha256Hex } from '../crypto/hash.ts';
import { isWellFormedToken, randomToken } from '../crypto/random-token.ts';
import type { Db } from '../db/client.ts';
import { gateways, vps } from '../db/schema.ts';
import { consumeBootstrapToken } from './bootstrap-token.ts';

export type GatewayWithVps = typeof gateways.$inferSelect & { vps: typeof vps.$inferSelect };

export async function registerGateway(
  db: Db,
  bootstrapToken: string,
  now: number,
): Promise<{ gatewayId: string; vpsId: string; credential: string } | null> {
  const vpsId = await consumeBootstrapToken(db, bootstrapToken, now);
  if (!vpsId) return null;
  const credential = randomToken();
  const credentialHash = await sha256Hex(credential);
  const [row] = await db
    .insert(gateways)
    .values({ id: crypto.randomUUID(), vpsId, credentialHash, createdAt: now })
    .onConflictDoUpdate({ target: gateways.vpsId, set: { credentialHash } })
    .returning({ id: gateways.id });
  if (!row) throw new Error('gateway upsert returned no row');
  return { gatewayId: row.id, vpsId, credential };
}

export async function findGatewayByCredential(db: Db, credential: string): Promise<GatewayWithVps | null> {
  if (!isWellFormedToken(credential)) return null;
  const [row] = await db
    .select()
    .from(gateways)
    .innerJoin(vps, eq(vps.id, gateways.vpsId))
    .where(eq(gateways.credentialHash, await sha256Hex(credential)))
    .limit(1);
  return row ? { ...row.gateways, vps: row.vps } : null;
}
