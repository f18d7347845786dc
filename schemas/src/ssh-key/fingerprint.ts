/**
 * A key's fingerprint as `ssh-keygen -lf` prints it: `SHA256:` and the unpadded base64 of the blob's SHA-256. The
 * digest comes from the caller (node:crypto in the gateway, WebCrypto in the Worker), so this stays runtime-neutral.
 */
import { bytesToBase64 } from '../encoding.ts';

export const SSH_FINGERPRINT_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}$/;

export function sshFingerprint(sha256: Uint8Array): string {
  return `SHA256:${bytesToBase64(sha256).replace(/=+$/, '')}`;
}
