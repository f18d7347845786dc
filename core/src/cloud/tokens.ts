/**
 * A valid access token for an API call: the stored one while it has more than `marginMs` left, otherwise a
 * refreshed set, which the caller must store before using (the old refresh token no longer works).
 */
import type { CloudProvider, TokenSet } from './provider.ts';

/** Refresh when less than this is left, so a token never expires in the middle of a provisioning run. */
export const DEFAULT_REFRESH_MARGIN_MS = 10 * 60_000;

export interface FreshTokens {
  accessToken: string;
  tokens: TokenSet;
  /** True when `tokens` is new and must be stored. */
  refreshed: boolean;
}

export async function freshTokens(
  provider: Pick<CloudProvider, 'refresh'>,
  tokens: TokenSet,
  now: number,
  marginMs = DEFAULT_REFRESH_MARGIN_MS,
): Promise<FreshTokens> {
  if (tokens.expiresAt - now > marginMs) return { accessToken: tokens.accessToken, tokens, refreshed: false };
  const next = await provider.refresh(tokens.refreshToken);
  return { accessToken: next.accessToken, tokens: next, refreshed: true };
}
