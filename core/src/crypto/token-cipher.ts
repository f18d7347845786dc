/**
 * Encryption of third-party tokens at rest (DigitalOcean OAuth tokens): AES-256-GCM via WebCrypto, a fresh
 * 96-bit IV per message, and a versioned text format `v1.<iv>.<ciphertext+tag>` (base64url) so the scheme or
 * key can rotate later. The caller's `context` (e.g. the user id) is bound as additional authenticated data,
 * so a ciphertext copied to another row does not decrypt.
 */
import { base64ToBytes, bytesToBase64Url } from '@vibecode/schemas/encoding';

/** WebCrypto's key type, named without the DOM or Workers globals so this compiles anywhere. */
export type TokenKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

const VERSION = 'v1';
const IV_BYTES = 12;

export class TokenCipherError extends Error {
  constructor(readonly code: 'cipher.malformed' | 'cipher.unsupported_version' | 'cipher.authentication_failed') {
    super(code);
    this.name = 'TokenCipherError';
  }
}

export function importTokenKey(raw: Uint8Array): Promise<TokenKey> {
  if (raw.length !== 32) throw new RangeError('token encryption key must be 32 bytes');
  return crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

export async function encryptToken(key: TokenKey, plaintext: string, context: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(context) },
    key,
    new TextEncoder().encode(plaintext),
  );
  return `${VERSION}.${bytesToBase64Url(iv)}.${bytesToBase64Url(new Uint8Array(ciphertext))}`;
}

export async function decryptToken(key: TokenKey, sealed: string, context: string): Promise<string> {
  const parts = sealed.split('.');
  if (parts.length !== 3) throw new TokenCipherError('cipher.malformed');
  const [version, ivText, ciphertextText] = parts as [string, string, string];
  if (version !== VERSION) throw new TokenCipherError('cipher.unsupported_version');
  const iv = base64ToBytes(ivText);
  const ciphertext = base64ToBytes(ciphertextText);
  if (!iv || iv.length !== IV_BYTES || !ciphertext) throw new TokenCipherError('cipher.malformed');
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, additionalData: new TextEncoder().encode(context) },
      key,
      ciphertext as Uint8Array<ArrayBuffer>,
    );
    return new TextDecoder().decode(plaintext);
  } catch {
    throw new TokenCipherError('cipher.authentication_failed');
  }
}
