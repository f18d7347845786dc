/** Unguessable tokens: magic links, session cookies, bootstrap tokens and gateway credentials. */
import { bytesToBase64Url } from '@vibecode/schemas/encoding';

/** 32 random bytes (256 bits) by default, base64url without padding. */
export function randomToken(bytes = 32): string {
  return bytesToBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** Tokens from `randomToken()`: 32 bytes as unpadded base64url. Anything else is refused before any lookup. */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}
