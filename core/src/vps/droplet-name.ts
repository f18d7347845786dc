/**
 * Droplet names double as hostnames and as the confirmation a user types to destroy a server: lower-case DNS
 * labels, 1–63 characters. Without a name the server gets `vibe-` and six random characters.
 */
import { ApiError } from '../http/api-error.ts';

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function invalidName(): ApiError {
  return new ApiError(
    400,
    'vps.invalid_name',
    'name must be 1-63 lower-case letters, digits or hyphens, not starting or ending with a hyphen',
  );
}

export function dropletName(requested: string | undefined, random: () => number = Math.random): string {
  if (requested === undefined || requested === '') {
    let suffix = '';
    for (let i = 0; i < 6; i++) suffix += 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(random() * 36)];
    return `vibe-${suffix}`;
  }
  if (!LABEL.test(requested)) throw invalidName();
  return requested;
}
