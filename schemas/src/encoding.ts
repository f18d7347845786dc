/**
 * `@vibecode/schemas/encoding`: bytes ↔ text — base64 (the protocol's `data_b64`, SSH key blobs, fingerprints),
 * base64url (tokens, ciphertext) and hex (digests). Plain ECMAScript, so it runs alike in browsers, Node and workerd.
 * Table-driven rather than `btoa(String.fromCharCode(...bytes))`: spreading a 128 KiB chunk into arguments costs
 * more than the encoding itself, and Node 20's `atob`/`btoa` are slow JavaScript.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Every 12-bit value as its two base64 digits: one lookup per half of a 3-byte group. */
const PAIRS = Array.from({ length: 4096 }, (_, n) => `${ALPHABET[n >> 6]}${ALPHABET[n & 63]}`);

/** A character code's 6-bit value in either alphabet (`+/` or `-_`), −1 for anything else. */
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) VALUES[ALPHABET.charCodeAt(i)] = i;
VALUES[0x2d] = 62; // '-'
VALUES[0x5f] = 63; // '_'

const PAD = 0x3d; // '='

/** Standard base64, padded. */
export function bytesToBase64(bytes: Uint8Array): string {
  let text = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    text += `${PAIRS[n >> 12]}${PAIRS[n & 4095]}`;
  }
  if (bytes.length - i === 1) {
    text += `${PAIRS[(bytes[i] as number) << 4]}==`;
  } else if (bytes.length - i === 2) {
    const n = ((bytes[i] as number) << 8) | (bytes[i + 1] as number);
    text += `${PAIRS[n >> 4]}${ALPHABET[(n & 15) << 2]}=`;
  }
  return text;
}

/** base64url without padding (RFC 4648 §5): safe in URLs, cookies and file names. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Decodes base64 or base64url, padding optional; `null` for anything else, never a throw. */
export function base64ToBytes(text: string): Uint8Array | null {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === PAD) end--;
  if (text.length - end > 2 || end % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((end * 3) / 4));
  let at = 0;
  let bits = 0;
  let held = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (VALUES[code] as number) : -1;
    if (value < 0) return null;
    held = ((held << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (held >> bits) & 0xff;
    }
  }
  return bytes;
}

/** Lower-case hex, two digits per byte. */
export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
