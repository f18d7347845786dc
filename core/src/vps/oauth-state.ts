/**
 * The OAuth `state`: a random value the control plane stores with the web session before redirecting, and
 * compares with the callback's `state` in constant time, so a callback the session did not start is refused.
 */
import { randomToken } from '../crypto/random-token.ts';
import { CloudError } from './errors.ts';

const STATE_BYTES = 32;

/** 32 random bytes, base64url (43 characters). */
export function createOAuthState(): string {
  return randomToken(STATE_BYTES);
}

/** Constant-time in the length of `expected`; false when either is missing or they differ. */
export function oauthStateMatches(expected: string | null | undefined, actual: string | null | undefined): boolean {
  if (!expected || !actual) return false;
  const enc = new TextEncoder();
  const a = enc.encode(expected);
  const b = enc.encode(actual);
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] ?? 0);
  return diff === 0;
}

export function assertOAuthState(expected: string | null | undefined, actual: string | null | undefined): void {
  if (!oauthStateMatches(expected, actual)) {
    throw new CloudError('cloud.oauth_state_mismatch', 'The sign-in with the cloud provider did not start here.');
  }
}
