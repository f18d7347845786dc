/**
 * Release signatures: ECDSA P-256 over SHA-256, DER-encoded, detached — what `openssl dgst -sha256 -sign` writes
 * and what `openssl dgst -sha256 -verify pub.pem -signature f.sig f` (the install script) and Node's
 * `crypto.verify('sha256', …)` (self-update) check.
 */
import { createPrivateKey, createPublicKey, createSign } from 'node:crypto';
import { createReadStream, renameSync, writeFileSync } from 'node:fs';
import { ReleaseError } from './errors.mjs';

/**
 * A P-256 private key from PEM text. Environments that cannot hold newlines (CI secrets, .dev.vars) may give the
 * PEM with literal `\n`.
 * @param {string | undefined} pem
 */
export function parseSigningKey(pem) {
  if (!pem?.trim()) {
    throw new ReleaseError(
      'release.signing_key_missing',
      'GATEWAY_SIGNING_KEY is not set: a release is never published unsigned (give a PEM EC P-256 private key)',
    );
  }
  let key;
  try {
    key = createPrivateKey(pem.includes('\\n') ? pem.replaceAll('\\n', '\n') : pem);
  } catch {
    // The key's text never goes into the message.
    throw new ReleaseError('release.signing_key_invalid', 'GATEWAY_SIGNING_KEY is not a PEM private key');
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new ReleaseError('release.signing_key_invalid', 'GATEWAY_SIGNING_KEY must be an EC P-256 (prime256v1) key');
  }
  return key;
}

/**
 * The public half of a signing key, as SPKI PEM (the file droplets keep as /etc/vibe/gateway-release.pub).
 * @param {string} privateKeyPem
 */
export function publicKeyPem(privateKeyPem) {
  return String(createPublicKey(parseSigningKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }));
}

/**
 * Signs `tarballPath` and writes the DER signature to `sigPath` (default: beside it, `.sig` appended), atomically.
 * @param {string} tarballPath
 * @param {string} privateKeyPem
 * @param {string} [sigPath]
 * @returns {Promise<string>} the signature's path
 */
export async function signRelease(tarballPath, privateKeyPem, sigPath = `${tarballPath}.sig`) {
  const key = parseSigningKey(privateKeyPem);
  const signer = createSign('sha256');
  for await (const chunk of createReadStream(tarballPath)) signer.update(chunk);
  const tmp = `${sigPath}.${process.pid}.tmp`;
  writeFileSync(tmp, signer.sign(key));
  renameSync(tmp, sigPath);
  return sigPath;
}
