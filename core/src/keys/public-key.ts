/**
 * OpenSSH public keys as users paste them (`<type> <base64> [comment]`): checked structurally (the blob's
 * first field must repeat the type) and fingerprinted the way `ssh-keygen -lf` prints it (`SHA256:` + unpadded
 * base64 of the blob's SHA-256), so the hub can tell which key in the gateway's `ssh.keys` is the one it added.
 */
import { base64ToBytes, bytesToBase64 } from '../files/base64.ts';

export const MAX_PUBLIC_KEY_CHARS = 16 * 1024;

const keyTypes = new Set([
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
]);

export interface PublicKey {
  type: string;
  blob: Uint8Array;
  /** `<type> <base64>`: what is sent to the gateway and stored (the user's comment is dropped). */
  line: string;
}

export function parsePublicKey(text: string): PublicKey | null {
  if (text.length > MAX_PUBLIC_KEY_CHARS) return null;
  const match = /^([a-z0-9@.-]+) ([A-Za-z0-9+/]+={0,2})(?: [^\r\n]*)?$/.exec(text.trim());
  if (!match?.[1] || !match[2] || !keyTypes.has(match[1])) return null;
  const [, type, b64] = match;
  let blob: Uint8Array;
  try {
    blob = base64ToBytes(b64);
  } catch {
    return null;
  }
  if (blob.byteLength < 4) return null;
  const nameLength = new DataView(blob.buffer, blob.byteOffset).getUint32(0);
  if (nameLength !== type.length || blob.byteLength < 4 + nameLength) return null;
  if (new TextDecoder().decode(blob.subarray(4, 4 + nameLength)) !== type) return null;
  return { type, blob, line: `${type} ${b64}` };
}

export async function fingerprint(key: PublicKey): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', key.blob));
  return `SHA256:${bytesToBase64(digest).replace(/=+$/, '')}`;
}

export const FINGERPRINT_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}$/;
