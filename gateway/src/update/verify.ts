/**
 * Release verification: the SHA-256 the hub announced and the detached signature (ECDSA P-256 over SHA-256,
 * DER — what `openssl dgst -sha256 -sign` makes), both computed while the tarball streams in, so it is read
 * once and never held in memory.
 */
import { createHash, createPublicKey, createVerify, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { updateError } from './update-error.ts';

/** Reads the release public key; anything but a PEM/DER EC P-256 public key refuses updates. */
export async function loadReleaseKey(path: string): Promise<KeyObject> {
  let key: KeyObject;
  try {
    key = createPublicKey(await readFile(path));
  } catch (e) {
    throw updateError('update.not_configured', `release public key ${path}: ${(e as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw updateError('update.not_configured', `release public key ${path} is not an EC P-256 key`);
  return key;
}

export interface ExpectedRelease {
  /** Hex SHA-256 from the manifest; optional for the operator's CLI (the signature still has to match). */
  sha256?: string;
  signature: Buffer;
}

export class ReleaseDigest {
  private readonly hash = createHash('sha256');
  private readonly verifier = createVerify('sha256');

  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
    this.verifier.update(chunk);
  }

  /** Throws `update.bad_checksum` or `update.bad_signature`; returns the hex SHA-256. Call once, at the end. */
  check(expected: ExpectedRelease, key: KeyObject): string {
    const sha256 = this.hash.digest('hex');
    if (expected.sha256 !== undefined && expected.sha256.toLowerCase() !== sha256)
      throw updateError('update.bad_checksum', `sha256 is ${sha256}, expected ${expected.sha256}`);
    let ok: boolean;
    try {
      ok = this.verifier.verify(key, expected.signature);
    } catch {
      // A signature that is not DER at all makes OpenSSL throw instead of answering false.
      ok = false;
    }
    if (!ok) throw updateError('update.bad_signature', 'the release signature does not match the release public key');
    return sha256;
  }
}
