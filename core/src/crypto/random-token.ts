/** Unguessable tokens: magic links, session cookies, bootstrap tokens and gateway credentials. */
import { toBase64Url } from './encoding.ts';

/** 32 random bytes (256 bits) by default, base64url without padding. */
export function randomToken(bytes = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}
