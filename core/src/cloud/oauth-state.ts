/**
 * The provider's check of the OAuth `state` (a single-use token the control plane stores before redirecting, see
 * `oauth-states.ts`): the callback's `state` is compared with the expected one in constant time, so a callback the
 * session did not start is refused.
 */
import { CloudError } from './cloud-error.ts';

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
