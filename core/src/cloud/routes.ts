/**
 * The cloud account routes: connect (OAuth with a `state` bound to the web session), callback, disconnect, and
 * the catalogue the "new server" form shows (regions; sizes with prices).
 */
import type { ApiResponse } from '@vibecode/schemas';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { requireUser, sessionToken } from '../auth/require-user.ts';
import { openDb } from '../db/client.ts';
import { cloudConnections } from '../db/schema.ts';
import { ApiError } from '../http/api-error.ts';
import { sameOrigin } from '../http/same-origin.ts';
import { cloudAccess } from './access.ts';
import { cloudConfig, cloudProvider } from './cloud-config.ts';
import { findConnection, openAccessToken, saveConnection, tokenKey } from './connection.ts';
import { consumeOAuthState, issueOAuthState } from './oauth-states.ts';

/** Where the browser lands after connecting. */
export const AFTER_CONNECT_PATH = '/dashboard';
/** Where it lands when the person said no at DigitalOcean, or DigitalOcean could not ask: the dashboard says so. */
export const AFTER_DENY_PATH = '/dashboard?cloud=denied';
export const AFTER_CLOUD_ERROR_PATH = '/dashboard?cloud=failed';

/** The callback's `error` as a log field: one of OAuth's codes (RFC 6749 §4.1.2.1), never free text from the URL. */
const oauthErrorField = (error: string) => (/^[a-z_]{1,64}$/.test(error) ? error : 'other');

function requireSessionToken(token: string | undefined): string {
  if (!token) throw new ApiError(401, 'auth.required', 'sign in first');
  return token;
}

export function cloudRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/api/cloud', requireUser, async (c) => {
    const row = await findConnection(openDb(c.env.DB), c.get('user').id);
    return c.json({
      connection: row
        ? {
            provider: row.provider,
            account_email: row.accountEmail,
            connected_at: new Date(row.createdAt).toISOString(),
          }
        : null,
    } satisfies ApiResponse<'GET /api/cloud'>);
  });

  routes.get('/api/cloud/connect', requireUser, async (c) => {
    const provider = cloudProvider(c);
    const token = requireSessionToken(sessionToken(c));
    const state = await issueOAuthState(openDb(c.env.DB), c.get('user').id, token, Date.now());
    return c.redirect(provider.authorizeUrl(state), 302);
  });

  routes.get('/api/cloud/callback', requireUser, async (c) => {
    const config = cloudConfig(c);
    const provider = cloudProvider(c, config);
    const db = openDb(c.env.DB);
    const user = c.get('user');
    const now = Date.now();
    const query = new URL(c.req.url).searchParams;
    const state = query.get('state');
    const bound = await consumeOAuthState(db, user.id, requireSessionToken(sessionToken(c)), state, now);
    // A refusal grants nothing, so whatever its state (spent above either way) the person gets a page in words.
    const refusal = query.get('error');
    if (refusal !== null) {
      c.get('log').info('cloud not connected', { provider: 'digitalocean', oauth_error: oauthErrorField(refusal) });
      return c.redirect(refusal === 'access_denied' ? AFTER_DENY_PATH : AFTER_CLOUD_ERROR_PATH, 303);
    }
    if (!bound) {
      throw new ApiError(400, 'cloud.oauth_state_mismatch', 'this cloud sign-in did not start in this session');
    }
    const tokens = await provider.completeAuthorization(query, state as string);
    await saveConnection(db, await tokenKey(c.get('config').tokenEncryptionKey), user.id, tokens, now);
    c.get('log').info('cloud connected', { provider: 'digitalocean' });
    return c.redirect(AFTER_CONNECT_PATH, 303);
  });

  routes.delete('/api/cloud', sameOrigin(), requireUser, async (c) => {
    const provider = cloudProvider(c);
    const db = openDb(c.env.DB);
    const user = c.get('user');
    const row = await findConnection(db, user.id);
    if (!row) throw new ApiError(404, 'cloud.not_connected', 'no cloud account is connected');
    try {
      await provider.revoke(await openAccessToken(await tokenKey(c.get('config').tokenEncryptionKey), row));
    } catch (error) {
      // The grant is forgotten here either way; a revocation the cloud failed is logged, not fatal.
      c.get('log').warn('cloud revoke failed', { error: String(error) });
    }
    await db.delete(cloudConnections).where(eq(cloudConnections.userId, user.id));
    c.get('log').info('cloud disconnected');
    return c.body(null, 204);
  });

  routes.get('/api/cloud/regions', requireUser, async (c) => {
    const { provider, accessToken } = await cloudAccess(c);
    const regions = await provider.listRegions(accessToken);
    return c.json({
      regions: regions.map((r) => ({ slug: r.slug, name: r.name, available: r.available, sizes: r.sizes })),
    } satisfies ApiResponse<'GET /api/cloud/regions'>);
  });

  routes.get('/api/cloud/sizes', requireUser, async (c) => {
    const { provider, accessToken } = await cloudAccess(c);
    const sizes = await provider.listSizes(accessToken);
    return c.json({
      sizes: sizes.map((s) => ({
        slug: s.slug,
        description: s.description,
        memory_mb: s.memoryMb,
        vcpus: s.vcpus,
        disk_gb: s.diskGb,
        price_monthly: s.priceMonthly,
        price_hourly: s.priceHourly,
        regions: s.regions,
        available: s.available,
      })),
    } satisfies ApiResponse<'GET /api/cloud/sizes'>);
  });

  return routes;
}
