/**
 * Refresh before expiry, against D1: a connection close to expiry is refreshed and the new set stored sealed;
 * two requests refreshing at once store one set and both end up with its access token, as refresh tokens rotate
 * (the second use of the old one is refused, exactly as DigitalOcean and localcloud do). The provider here is
 * only `refresh`, driven by the test; the HTTP side of refresh is covered against localcloud in core/src/vps.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { CloudError } from '../../src/cloud/cloud-error.ts';
import { accessTokenFor, findConnection, saveConnection, tokenKey } from '../../src/cloud/connection.ts';
import type { TokenSet } from '../../src/cloud/provider.ts';
import { DEFAULT_REFRESH_MARGIN_MS } from '../../src/cloud/tokens.ts';
import { openDb } from '../../src/db/client.ts';
import { signIn } from '../helpers/auth.ts';

const account = { uuid: 'acc-1', email: 'me@example.com', name: 'Me' };
const tokens = (n: number, expiresAt: number): TokenSet => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresAt,
  scope: 'read write',
  account,
});
const key = () => tokenKey(new Uint8Array(32).fill(1));

/** Rotating refresh tokens: each works once; a reused one is refused like the real token endpoint does. */
function rotatingProvider(first: number, now: number) {
  let current = `refresh-${first}`;
  let next = first + 1;
  const calls: string[] = [];
  return {
    calls,
    async refresh(refreshToken: string): Promise<TokenSet> {
      calls.push(refreshToken);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (refreshToken !== current) throw new CloudError('cloud.unauthorized', 'refresh token already used');
      const issued = tokens(next++, now + 3_600_000);
      current = issued.refreshToken;
      return issued;
    },
  };
}

describe('accessTokenFor', () => {
  it('uses the stored token while it is fresh, and never stores it in the clear', async () => {
    const { userId } = await signIn();
    const db = openDb(env.DB);
    const now = Date.now();
    await saveConnection(db, await key(), userId, tokens(1, now + 2 * DEFAULT_REFRESH_MARGIN_MS), now);
    const provider = rotatingProvider(1, now);
    expect(await accessTokenFor(db, await key(), provider, userId, now)).toBe('access-1');
    expect(provider.calls).toEqual([]);
    const row = await findConnection(db, userId);
    expect(JSON.stringify(row)).not.toContain('access-1');
    expect(JSON.stringify(row)).not.toContain('refresh-1');
  });

  it('refreshes inside the margin and stores the new set', async () => {
    const { userId } = await signIn();
    const db = openDb(env.DB);
    const now = Date.now();
    await saveConnection(db, await key(), userId, tokens(1, now + DEFAULT_REFRESH_MARGIN_MS - 1), now);
    const provider = rotatingProvider(1, now);
    expect(await accessTokenFor(db, await key(), provider, userId, now)).toBe('access-2');
    expect((await findConnection(db, userId))?.expiresAt).toBe(now + 3_600_000);
    expect(await accessTokenFor(db, await key(), provider, userId, now)).toBe('access-2');
    expect(provider.calls).toEqual(['refresh-1']);
  });

  it('serializes concurrent refreshes: one rotation wins, both callers get its token', async () => {
    const { userId } = await signIn();
    const db = openDb(env.DB);
    const now = Date.now();
    await saveConnection(db, await key(), userId, tokens(1, now - 1), now);
    const provider = rotatingProvider(1, now);
    const [a, b] = await Promise.all([
      accessTokenFor(db, await key(), provider, userId, now),
      accessTokenFor(db, await key(), provider, userId, now),
    ]);
    expect([a, b]).toEqual(['access-2', 'access-2']);
    expect(provider.calls).toEqual(['refresh-1', 'refresh-1']);
  });

  it('asks to connect again when the refresh token is refused for good', async () => {
    const { userId } = await signIn();
    const db = openDb(env.DB);
    const now = Date.now();
    await saveConnection(db, await key(), userId, tokens(1, now - 1), now);
    const revoked = {
      refresh: async (): Promise<TokenSet> => {
        throw new CloudError('cloud.unauthorized', 'revoked');
      },
    };
    await expect(accessTokenFor(db, await key(), revoked, userId, now)).rejects.toMatchObject({
      code: 'cloud.unauthorized',
    });
  });
});
