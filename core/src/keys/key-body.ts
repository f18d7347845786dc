/**
 * `POST /api/vps/:id/keys` after its schema: the label trimmed and printable, the key one OpenSSH public key line.
 */
import type { AddKeyRequest } from '@vibecode/schemas';
import { parseSshPublicKey, type SshPublicKey } from '@vibecode/schemas/ssh-key';
import { ApiError } from '../http/api-error.ts';

export function invalidKey(): ApiError {
  return new ApiError(
    400,
    'ssh.invalid_key',
    'public_key must be one OpenSSH public key line (ssh-ed25519, ssh-rsa, ecdsa-…)',
  );
}

export function parseAddKey(body: AddKeyRequest): { key: SshPublicKey; label: string } {
  const label = body.label.trim();
  if (label === '' || /\p{Cc}/u.test(label)) {
    throw new ApiError(400, 'http.invalid_body', 'label must be printable text, not only spaces');
  }
  const key = parseSshPublicKey(body.public_key);
  if (!key.ok) throw invalidKey();
  return { key: key.value, label };
}
