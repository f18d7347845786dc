/**
 * The shared OpenSSH key parser (`@vibecode/schemas/ssh-key`, also the control plane's) in the gateway's terms: a
 * refused key is a `GatewayError` (`ssh.invalid_key`), and the fingerprint's SHA-256 comes from node:crypto.
 */
import { createHash } from 'node:crypto';
import { parseSshPublicKey, sshFingerprint } from '@vibecode/schemas/ssh-key';
import { GatewayError } from '../errors.ts';

export interface PublicKey {
  algorithm: string;
  /** The key blob as base64 (the second field of the line). */
  base64: string;
  /** `SHA256:…`, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
}

export function parsePublicKey(input: string): PublicKey {
  const parsed = parseSshPublicKey(input);
  if (!parsed.ok) throw new GatewayError(parsed.error.code, parsed.error.message);
  const { algorithm, base64, blob } = parsed.value;
  return { algorithm, base64, fingerprint: sshFingerprint(createHash('sha256').update(blob).digest()) };
}
