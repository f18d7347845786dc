/**
 * Droplet names double as hostnames and as the confirmation a user types to destroy a server: lower-case DNS
 * labels, 1–63 characters. Without a name the server gets `vibe-` and six random characters.
 */
import { ApiError } from '../http/api-error.ts';

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function dropletName(requested: unknown, random: () => number = Math.random): string {
  if (requested === undefined || requested === null || requested === '') {
    let suffix = '';
    for (let i = 0; i < 6; i++) suffix += 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(random() * 36)];
    return `vibe-${suffix}`;
  }
  if (typeof requested !== 'string' || !LABEL.test(requested)) {
    throw new ApiError(
      400,
      'vps.invalid_name',
      'name must be 1-63 lower-case letters, digits or hyphens, not starting or ending with a hyphen',
    );
  }
  return requested;
}

/** Region and size slugs as the cloud names them (`ams3`, `s-1vcpu-1gb`); the cloud itself says which exist. */
export function slugField(value: unknown, name: string, fallback?: string): string {
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !SLUG.test(value)) {
    throw new ApiError(400, 'http.invalid_body', `${name} must be a slug like ${fallback ?? 's-1vcpu-1gb'}`);
  }
  return value;
}
