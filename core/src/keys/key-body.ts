/**
 * `POST /api/vps/:id/keys` after its schema: the label trimmed and printable, the key one OpenSSH public key line.
 */
import type { AddKeyRequest } from '@vibecode/schemas';
import { ApiError } from '../http/api-error.ts';
import { type PublicKey, parsePublicKey } from './public-key.ts';

export function invalidKey(): ApiError {
  return new ApiError(
    400,
    'ssh.invalid_key',
    'public_key must be one OpenSSH public key line (ssh-ed25519, ssh-rsa, ecdsa-…)',
  );
}

export function parseAddKey(body: AddKeyRequest): { key: PublicKey; label: string } {
  const label = body.label.trim();
  if (label === '' || /\p{Cc}/u.test(label)) {
    throw new ApiError(400, 'http.invalid_body', 'label must be printable text, not only spaces');
  }
  const key = parsePublicKey(body.public_key);
  if (key === null) throw invalidKey();
  return { key, label };
}
