/**
 * DigitalOcean's OAuth endpoints (`<cloudBaseUrl>/v1/oauth/*`) through `oauth4webapi`: the code and refresh-token
 * grants (client_secret_post, no PKCE: DigitalOcean does not take it), and revoke, which DigitalOcean authenticates
 * with the token itself as a bearer. The authorize URL is built here (oauth4webapi leaves that to the caller), and so
 * are the replies' `CloudError`s. Token replies carry `expires_in`, which is read, never assumed.
 * None of these requests is retried: a code and a refresh token work once, so a repeat after a lost reply fails.
 */
import * as oauth from 'oauth4webapi';
import { CloudError, type CloudErrorCode } from './cloud-error.ts';
import type { DigitalOceanConfig } from './digitalocean-config.ts';
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

function server(config: DigitalOceanConfig): oauth.AuthorizationServer {
  return {
    issuer: config.cloudBaseUrl,
    token_endpoint: new URL('/v1/oauth/token', config.cloudBaseUrl).toString(),
    revocation_endpoint: new URL('/v1/oauth/revoke', config.cloudBaseUrl).toString(),
  };
}

function options(fetchFn: Fetch, config: DigitalOceanConfig): oauth.TokenEndpointRequestOptions {
  return {
    [oauth.customFetch]: fetchFn,
    // oauth4webapi refuses http; the config allows it only for a local stand-in (localcloud).
    [oauth.allowInsecureRequests]: new URL(config.cloudBaseUrl).protocol === 'http:',
  };
}

/** Sends one OAuth request; a network failure is the cloud's trouble, not the grant's. */
async function send(request: () => Promise<Response>): Promise<Response> {
  try {
    return await request();
  } catch {
    throw new CloudError('cloud.unavailable', 'DigitalOcean could not be reached.');
  }
}

/** Maps a failed reply: 4xx means the grant is no good (`rejected`), 429/5xx are the cloud's trouble. */
async function failure(res: Response, rejected: CloudErrorCode, what: string): Promise<CloudError> {
  if (res.status === 429) {
    return new CloudError('cloud.rate_limited', `DigitalOcean is rate limiting ${what}.`, { status: 429 });
  }
  if (res.status >= 500) {
    return new CloudError('cloud.unavailable', `DigitalOcean failed ${what}.`, { status: res.status });
  }
  let reason = '';
  try {
    const body = (await res.json()) as { error?: unknown };
    if (typeof body.error === 'string' && /^[a-z_]{1,40}$/.test(body.error)) reason = ` (${body.error})`;
  } catch {
    // No OAuth error body: the status says enough.
  }
  return new CloudError(rejected, `DigitalOcean refused ${what}${reason}.`, { status: res.status });
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** oauth4webapi checks the reply's shape (access_token, token_type …); DigitalOcean's also carries `info`. */
async function tokenSet(process: () => Promise<oauth.TokenEndpointResponse>, now: number): Promise<TokenSet> {
  let reply: oauth.TokenEndpointResponse;
  try {
    reply = await process();
  } catch {
    throw new CloudError('cloud.bad_response', 'DigitalOcean sent a malformed token reply.');
  }
  const { access_token, refresh_token, expires_in } = reply;
  if (!refresh_token || typeof expires_in !== 'number' || expires_in < 0) {
    throw new CloudError('cloud.bad_response', 'DigitalOcean sent an incomplete token reply.');
  }
  const info = (reply.info ?? {}) as Record<string, unknown>;
  return {
    accessToken: access_token,
    refreshToken: refresh_token,
    expiresAt: now + expires_in * 1000,
    scope: text(reply.scope),
    account: { uuid: text(info.uuid), email: text(info.email), name: text(info.name) },
  };
}

export async function exchangeCode(fetchFn: Fetch, config: DigitalOceanConfig, code: string, now: number) {
  const as = server(config);
  const client = { client_id: config.clientId };
  // The callback's state and error were checked by the provider; oauth4webapi wants its own validated parameters.
  const callback = oauth.validateAuthResponse(as, client, new URLSearchParams({ code }), oauth.skipStateCheck);
  const res = await send(() =>
    oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretPost(config.clientSecret),
      callback,
      config.redirectUri,
      oauth.nopkce,
      options(fetchFn, config),
    ),
  );
  if (!res.ok) throw await failure(res, 'cloud.oauth_failed', 'the authorization code');
  return tokenSet(() => oauth.processAuthorizationCodeResponse(as, client, res), now);
}

export async function refreshTokens(fetchFn: Fetch, config: DigitalOceanConfig, refreshToken: string, now: number) {
  const as = server(config);
  const client = { client_id: config.clientId };
  const res = await send(() =>
    oauth.refreshTokenGrantRequest(
      as,
      client,
      oauth.ClientSecretPost(config.clientSecret),
      refreshToken,
      options(fetchFn, config),
    ),
  );
  // A refused refresh token means the user must connect again.
  if (!res.ok) throw await failure(res, 'cloud.unauthorized', 'the refresh token');
  return tokenSet(() => oauth.processRefreshTokenResponse(as, client, res), now);
}

/** DigitalOcean's revoke is authenticated by the token being revoked, as a bearer, not by the client secret. */
const bearer =
  (token: string): oauth.ClientAuth =>
  (_as, _client, _body, headers) => {
    headers.set('authorization', `Bearer ${token}`);
  };

export async function revokeToken(fetchFn: Fetch, config: DigitalOceanConfig, accessToken: string): Promise<void> {
  const res = await send(() =>
    oauth.revocationRequest(
      server(config),
      { client_id: config.clientId },
      bearer(accessToken),
      accessToken,
      options(fetchFn, config),
    ),
  );
  // 401: the token is already dead, which is what revoking wanted.
  if (!res.ok && res.status !== 401) throw await failure(res, 'cloud.oauth_failed', 'the revocation');
}
