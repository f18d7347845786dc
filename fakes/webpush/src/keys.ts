/** P-256 keys as Web Push writes them: base64url, public keys as the 65-byte uncompressed point `04 ‖ x ‖ y`. */
import { createPublicKey, type KeyObject } from 'node:crypto';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Strict base64url (no padding, no `+/`): `Buffer.from` alone skips characters it does not know. */
export function decodeBase64url(text: string): Buffer | undefined {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined;
  return Buffer.from(text, 'base64url');
}

export const encodeBase64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/** The public key of a 65-byte uncompressed point, or undefined when the bytes are not a point on P-256. */
export function publicKeyFromRaw(raw: Buffer): KeyObject | undefined {
  if (raw.length !== 65 || raw[0] !== 0x04) return undefined;
  try {
    return createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: encodeBase64url(raw.subarray(1, 33)),
        y: encodeBase64url(raw.subarray(33)),
      },
      format: 'jwk',
    });
  } catch {
    return undefined;
  }
}

/** The 65-byte uncompressed point of a P-256 key (public, or the public half of a private one). */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.concat([
    Buffer.of(0x04),
    Buffer.from(jwk.x as string, 'base64url'),
    Buffer.from(jwk.y as string, 'base64url'),
  ]);
}
