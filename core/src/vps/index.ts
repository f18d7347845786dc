/** The VPS domain: cloud providers (DigitalOcean), OAuth state, token freshness and the cloud-init document. */
export { type CloudInitInput, cloudInitUserData } from './cloud-init.ts';
export { DIGITALOCEAN_DEFAULTS, type DigitalOceanConfig, parseDigitalOceanConfig } from './config.ts';
export {
  type ActionPolling,
  DEFAULT_ACTION_POLLING,
  DEFAULT_IMAGE,
  DEFAULT_REGION,
  DEFAULT_TAGS,
  type DigitalOceanDeps,
  DigitalOceanProvider,
} from './digitalocean.ts';
export { CloudError, type CloudErrorCode, isCloudError } from './errors.ts';
export { assertOAuthState, createOAuthState, oauthStateMatches } from './oauth-state.ts';
export type {
  CloudAccount,
  CloudProvider,
  CreateServerInput,
  Region,
  Server,
  ServerStatus,
  Size,
  TokenSet,
} from './provider.ts';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.ts';
export { DEFAULT_REFRESH_MARGIN_MS, type FreshTokens, freshTokens } from './tokens.ts';
