/**
 * OAuth grants as DigitalOcean's authorization server keeps them: single-use authorization codes that expire,
 * access tokens with a lifetime, and refresh tokens that rotate (each refresh token works once).
 */
import { randomBytes } from 'node:crypto';

export const DEFAULT_TOKEN_TTL_SECONDS = 2_592_000;
/** RFC 6749 §4.1.2 recommends at most ten minutes for an authorization code; DigitalOcean's are shorter still. */
export const CODE_TTL_MS = 5 * 60_000;

export interface Account {
  name: string;
  email: string;
  uuid: string;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
  info: Account;
}

interface Grant {
  scope: string;
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
}

interface Code {
  clientId: string;
  redirectUri: string;
  scope: string;
  expiresAt: number;
  grant?: Grant;
}

export type OAuthFailure = { status: 400 | 401; error: string; error_description: string };

const token = (prefix: string) => `${prefix}${randomBytes(32).toString('hex')}`;

export class OAuthStore {
  private readonly codes = new Map<string, Code>();
  private readonly byAccess = new Map<string, Grant>();
  private readonly byRefresh = new Map<string, Grant>();

  constructor(
    private readonly account: Account,
    private readonly now: () => number,
    private readonly tokenTtlSeconds = DEFAULT_TOKEN_TTL_SECONDS,
  ) {}

  issueCode(clientId: string, redirectUri: string, scope: string): string {
    this.dropExpiredCodes();
    const code = randomBytes(24).toString('hex');
    this.codes.set(code, { clientId, redirectUri, scope, expiresAt: this.now() + CODE_TTL_MS });
    return code;
  }

  redeemCode(code: string, clientId: string, redirectUri: string): TokenResponse | OAuthFailure {
    const entry = this.codes.get(code);
    const invalid: OAuthFailure = {
      status: 400,
      error: 'invalid_grant',
      error_description:
        'The provided authorization grant is invalid, expired, revoked or was issued to another client.',
    };
    if (!entry || entry.expiresAt <= this.now()) return invalid;
    if (entry.grant) {
      // A code used twice may have been stolen: revoke what the first use issued (RFC 6749 §4.1.2).
      this.drop(entry.grant);
      return invalid;
    }
    if (entry.clientId !== clientId || entry.redirectUri !== redirectUri) return invalid;
    entry.grant = this.issue(entry.scope);
    return this.response(entry.grant);
  }

  refresh(refreshToken: string): TokenResponse | OAuthFailure {
    const grant = this.byRefresh.get(refreshToken);
    if (!grant) {
      return { status: 401, error: 'invalid_grant', error_description: 'The refresh token is invalid or was used.' };
    }
    this.drop(grant);
    return this.response(this.issue(grant.scope));
  }

  /** Revokes the grant that either token belongs to. Unknown tokens are ignored, as RFC 7009 §2.2 asks. */
  revoke(tokenValue: string): void {
    const grant = this.byAccess.get(tokenValue) ?? this.byRefresh.get(tokenValue);
    if (grant) this.drop(grant);
  }

  /** The scope granted to a live access token, or null when the token is unknown, revoked or expired. */
  grantedScope(accessToken: string): string | null {
    const grant = this.byAccess.get(accessToken);
    return grant !== undefined && grant.accessExpiresAt > this.now() ? grant.scope : null;
  }

  private issue(scope: string): Grant {
    const grant: Grant = {
      scope,
      accessToken: token('doo_v1_'),
      refreshToken: token('dor_v1_'),
      accessExpiresAt: this.now() + this.tokenTtlSeconds * 1000,
    };
    this.byAccess.set(grant.accessToken, grant);
    this.byRefresh.set(grant.refreshToken, grant);
    return grant;
  }

  private drop(grant: Grant): void {
    this.byAccess.delete(grant.accessToken);
    this.byRefresh.delete(grant.refreshToken);
  }

  private response(grant: Grant): TokenResponse {
    return {
      access_token: grant.accessToken,
      token_type: 'bearer',
      expires_in: this.tokenTtlSeconds,
      refresh_token: grant.refreshToken,
      scope: grant.scope,
      info: { ...this.account },
    };
  }

  private dropExpiredCodes(): void {
    const t = this.now();
    for (const [code, entry] of this.codes) if (entry.expiresAt <= t) this.codes.delete(code);
  }
}
