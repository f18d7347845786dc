/**
 * A user's stored cloud connection: tokens sealed with the token cipher (the user id and the token's role are
 * the additional data, so a ciphertext moved to another row or column does not open), and an access token that
 * is refreshed before it expires.
 *
 * Refresh tokens rotate (each works once), so two requests refreshing the same connection at once must not both
 * store what they got: the write is a compare-and-swap on the sealed refresh token. The loser (or a request
 * whose refresh the provider refused because the winner already used the token) re-reads the row and uses the
 * winner's tokens; at most `REFRESH_ATTEMPTS` rounds, then `cloud.unauthorized`.
 */
import { and, eq } from 'drizzle-orm';
import { decryptToken, encryptToken, importTokenKey, type TokenKey } from '../crypto/token-cipher.ts';
import type { Db } from '../db/client.ts';
import { cloudConnections } from '../db/schema.ts';
import { ApiError } from '../http/api-error.ts';
import { CloudError } from './cloud-error.ts';
import type { CloudProvider, TokenSet } from './provider.ts';
import { DEFAULT_REFRESH_MARGIN_MS } from './tokens.ts';

export type ConnectionRow = typeof cloudConnections.$inferSelect;

const REFRESH_ATTEMPTS = 3;
const aad = (userId: string, role: 'access' | 'refresh') => `cloud_connections:${userId}:${role}`;

export async function sealTokens(key: TokenKey, userId: string, tokens: TokenSet) {
  return {
    accessTokenEnc: await encryptToken(key, tokens.accessToken, aad(userId, 'access')),
    refreshTokenEnc: await encryptToken(key, tokens.refreshToken, aad(userId, 'refresh')),
    teamUuid: tokens.account.uuid,
    accountEmail: tokens.account.email,
    expiresAt: tokens.expiresAt,
  };
}

export async function saveConnection(db: Db, key: TokenKey, userId: string, tokens: TokenSet, now: number) {
  const sealed = await sealTokens(key, userId, tokens);
  await db
    .insert(cloudConnections)
    .values({ userId, provider: 'digitalocean', createdAt: now, ...sealed })
    .onConflictDoUpdate({ target: cloudConnections.userId, set: sealed });
}

export async function findConnection(db: Db, userId: string): Promise<ConnectionRow | null> {
  return (await db.query.cloudConnections.findFirst({ where: eq(cloudConnections.userId, userId) })) ?? null;
}

export function tokenKey(raw: Uint8Array): Promise<TokenKey> {
  return importTokenKey(raw);
}

export async function openAccessToken(key: TokenKey, row: ConnectionRow): Promise<string> {
  return decryptToken(key, row.accessTokenEnc, aad(row.userId, 'access'));
}

const notConnected = () => new ApiError(409, 'cloud.not_connected', 'connect a cloud account first');

/** A working access token for `userId`, refreshing (and storing the new set) when less than the margin is left. */
export async function accessTokenFor(
  db: Db,
  key: TokenKey,
  provider: Pick<CloudProvider, 'refresh'>,
  userId: string,
  now: number,
): Promise<string> {
  for (let attempt = 0; attempt < REFRESH_ATTEMPTS; attempt++) {
    const row = await findConnection(db, userId);
    if (!row) throw notConnected();
    if (row.expiresAt - now > DEFAULT_REFRESH_MARGIN_MS) return openAccessToken(key, row);
    const refreshToken = await decryptToken(key, row.refreshTokenEnc, aad(userId, 'refresh'));
    let next: TokenSet;
    try {
      next = await provider.refresh(refreshToken);
    } catch (error) {
      // Refused because another request used this refresh token a moment ago? Then the row has its new set.
      if (!(error instanceof CloudError && error.code === 'cloud.unauthorized')) throw error;
      const latest = await findConnection(db, userId);
      if (latest && latest.refreshTokenEnc !== row.refreshTokenEnc) continue;
      throw error;
    }
    const sealed = await sealTokens(key, userId, next);
    const won = await db
      .update(cloudConnections)
      .set(sealed)
      .where(and(eq(cloudConnections.userId, userId), eq(cloudConnections.refreshTokenEnc, row.refreshTokenEnc)))
      .returning({ userId: cloudConnections.userId });
    if (won.length === 1) return next.accessToken;
  }
  throw new CloudError('cloud.unauthorized', 'The DigitalOcean connection could not be renewed; connect again.');
}
