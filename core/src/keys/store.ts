/**
 * The control plane's record of the keys it put on a VPS (public keys only). The gateway is the source of
 * truth: after every `ssh.keys` reply, rows whose fingerprint the gateway no longer lists are removed.
 */
import type { SshKey, SshKeys } from '@vibecode/schemas';
import { and, asc, eq, gt, isNull, notInArray, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { authorizedKeys } from '../db/schema.ts';

export type KeyRow = typeof authorizedKeys.$inferSelect;
export type GatewayKey = SshKeys['keys'][number];

export function keyJson(row: KeyRow): SshKey {
  return {
    fingerprint: row.fingerprint,
    label: row.label,
    type: row.type,
    public_key: row.publicKey,
    expires_at: row.expiresAt === null ? null : new Date(row.expiresAt).toISOString(),
    created_at: new Date(row.createdAt).toISOString(),
  };
}

export async function listKeys(db: Db, vpsId: string, now: number): Promise<KeyRow[]> {
  return db
    .select()
    .from(authorizedKeys)
    .where(
      and(eq(authorizedKeys.vpsId, vpsId), or(isNull(authorizedKeys.expiresAt), gt(authorizedKeys.expiresAt, now))),
    )
    .orderBy(asc(authorizedKeys.createdAt));
}

export async function findKey(db: Db, vpsId: string, fingerprint: string): Promise<KeyRow | null> {
  const [row] = await db
    .select()
    .from(authorizedKeys)
    .where(and(eq(authorizedKeys.vpsId, vpsId), eq(authorizedKeys.fingerprint, fingerprint)))
    .limit(1);
  return row ?? null;
}

export async function findKeysOfType(db: Db, vpsId: string, type: KeyRow['type']): Promise<KeyRow[]> {
  return db
    .select()
    .from(authorizedKeys)
    .where(and(eq(authorizedKeys.vpsId, vpsId), eq(authorizedKeys.type, type)));
}

/** Stores the key as the gateway reported it (label, type, expiry), replacing an earlier row for it. */
export async function upsertKey(
  db: Db,
  vpsId: string,
  publicKey: string,
  reported: GatewayKey,
  now: number,
): Promise<KeyRow> {
  const values = {
    label: reported.label,
    type: reported.type,
    publicKey,
    expiresAt: reported.expires_at === undefined ? null : Date.parse(reported.expires_at),
  };
  const [row] = await db
    .insert(authorizedKeys)
    .values({ id: crypto.randomUUID(), vpsId, fingerprint: reported.fingerprint, createdAt: now, ...values })
    .onConflictDoUpdate({ target: [authorizedKeys.vpsId, authorizedKeys.fingerprint], set: values })
    .returning();
  if (!row) throw new Error('authorized key upsert returned no row');
  return row;
}

/** Drops rows for keys the gateway no longer has. */
export async function reconcileKeys(db: Db, vpsId: string, reported: GatewayKey[]): Promise<void> {
  const present = reported.map((k) => k.fingerprint);
  await db
    .delete(authorizedKeys)
    .where(
      present.length === 0
        ? eq(authorizedKeys.vpsId, vpsId)
        : and(eq(authorizedKeys.vpsId, vpsId), notInArray(authorizedKeys.fingerprint, present)),
    );
}
