/** The body of `POST /api/vps/:id/keys`: `{public_key, label}` and nothing else. */
import { ApiError } from '../http/api-error.ts';
import { type PublicKey, parsePublicKey } from './public-key.ts';

export const MAX_LABEL = 100;

export function parseAddKey(body: Record<string, unknown>): { key: PublicKey; label: string } {
  const unknown = Object.keys(body).filter((k) => k !== 'public_key' && k !== 'label');
  if (unknown.length > 0) throw new ApiError(400, 'http.invalid_body', `unknown field ${unknown[0]}`);
  const label = body.label;
  if (typeof label !== 'string' || label.trim() === '' || label.length > MAX_LABEL || /\p{Cc}/u.test(label)) {
    throw new ApiError(400, 'http.invalid_body', `label must be 1..${MAX_LABEL} printable characters`);
  }
  const key = typeof body.public_key === 'string' ? parsePublicKey(body.public_key) : null;
  if (key === null) {
    throw new ApiError(
      400,
      'ssh.invalid_key',
      'public_key must be one OpenSSH public key line (ssh-ed25519, ssh-rsa, ecdsa-…)',
    );
  }
  return { key, label: label.trim() };
}
