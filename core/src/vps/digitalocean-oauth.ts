/**
 * DigitalOcean's OAuth endpoints (`<cloudBaseUrl>/v1/oauth/*`): the authorize URL, the code and refresh-token
 * grants (form-encoded POSTs), and revoke. Token replies carry `expires_in`, which is read, never assumed.
 * None of these requests is retried: a code and a refresh token work once, so a repeat after a lost reply fails.
 */
import type { DigitalOceanConfig } from './config.ts';
import { CloudError, type CloudErrorCode } from './errors.ts';
import type { TokenSet } from './provider.ts';

type Fetch = typeof fetch;

export function authorizeUrl(config: DigitalOceanConfig, state: string): string {
  const url = new URL('/v1/oauth/authorize', config.cloudBaseUrl);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    response_type: 'code',
    scope: config.scope,
    state,
  }).toString();
  return url.toString();
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function tokenSetFrom(body: unknown, now: number): TokenSet {
  const b = (body ?? {}) as Record<string, unknown>;
  const info = (b.info ?? {}) as Record<string, unknown>;
  const expiresIn = b.expires_in;
  if (!str(b.access_token) || !str(b.refresh_token) || typeof expiresIn !== 'number' || expiresIn < 0) {
    throw new CloudError('cloud.bad_response', 'DigitalOcean sent an incomplete token reply.');
  }
  return {
    accessToken: b.access_token,
    refreshToken: b.refresh_token,
    expiresAt: now + expiresIn * 1000,
    scope: typeof b.scope === 'string' ? b.scope : '',
    account: {
      uuid: typeof info.uuid === 'string' ? info.uuid : '',
      email: typeof info.email === 'string' ? info.email : '',
      name: typeof info.name === 'string' ? info.name : '',
    },
  };
}

async function postForm(
  fetchFn: Fetch,
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) {
  try {
    return await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
      body: new URLSearchParams(form).toString(),
    });
  } catch {
    throw new CloudError('cloud.unavailable', 'DigitalOcean could not be reached.');
  }
}

/** Maps a failed token reply: 4xx means the grant is no good (`rejected`), 429/5xx are the cloud's trouble. */
async function tokenFailure(res: Response, rejected: CloudErrorCode, what: string): Promise<CloudError> {
  if (res.status === 429)
    return new CloudError('cloud.rate_limited', `DigitalOcean is rate limiting ${what}.`, { status: 429 });
  if (res.status >= 500)
    return new CloudError('cloud.unavailable', `DigitalOcean failed ${what}.`, { status: res.status });
  let reason = '';
  try {
    const body = (await res.json()) as { error?: unknown };
    if (typeof body.error === 'string' && /^[a-z_]{1,40}$/.test(body.error)) reason = ` (${body.error})`;
  } catch {
    // No OAuth error body: the status says enough.
  }
  return new CloudError(rejected, `DigitalOcean refused ${what}${reason}.`, { status: res.status });
}

export async function exchangeCode(fetchFn: Fetch, config: DigitalOceanConfig, code: string, now: number) {
  const res = await postForm(fetchFn, new URL('/v1/oauth/token', config.cloudBaseUrl).toString(), {
    grant_type: 'authorization_code',
    code,
    client_id: config.clientId,
    client_secret: config.clientSecret,
    redirect_uri: config.redirectUri,
  });
  if (!res.ok) throw await tokenFailure(res, 'cloud.oauth_failed', 'the authorization code');
  return tokenSetFrom(await res.json().catch(() => null), now);
}

export async function refreshTokens(fetchFn: Fetch, config: DigitalOceanConfig, refreshToken: string, now: number) {
  const res = await postForm(fetchFn, new URL('/v1/oauth/token', config.cloudBaseUrl).toString(), {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: config.clientId,
    client_secret: config.clientSecret,
  });
  // A refused refresh token means the user must connect again.
  if (!res.ok) throw await tokenFailure(res, 'cloud.unauthorized', 'the refresh token');
  return tokenSetFrom(await res.json().catch(() => null), now);
}

export async function revokeToken(fetchFn: Fetch, config: DigitalOceanConfig, accessToken: string): Promise<void> {
  const res = await postForm(
    fetchFn,
    new URL('/v1/oauth/revoke', config.cloudBaseUrl).toString(),
    { token: accessToken },
    { authorization: `Bearer ${accessToken}` },
  );
  // 401: the token is already dead, which is what revoking wanted.
  if (!res.ok && res.status !== 401) throw await tokenFailure(res, 'cloud.oauth_failed', 'the revocation');
}
