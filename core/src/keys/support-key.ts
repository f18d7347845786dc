/**
 * Support access (seed §3): the configured support public key, added for 24 h. Without a valid
 * `SUPPORT_PUBLIC_KEY` the grant is refused with 503 `support.unconfigured` — never a silent no-op.
 */
import { parseSshPublicKey, type SshPublicKey } from '@vibecode/schemas/ssh-key';
import { ApiError } from '../http/api-error.ts';

export const SUPPORT_ACCESS_MS = 24 * 60 * 60 * 1000;
export const SUPPORT_LABEL = 'VibeCode support';

export function supportKey(configured: string | undefined): SshPublicKey {
  const key = configured?.trim() ? parseSshPublicKey(configured) : null;
  if (!key?.ok) {
    throw new ApiError(503, 'support.unconfigured', 'support access is not configured on this control plane');
  }
  return key.value;
}
