import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSigningKey, publicKeyPem, signRelease } from './index.mjs';

const dir = mkdtempSync(join(tmpdir(), 'vibe-sign-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pem = (type: 'ec' | 'rsa') => {
  const { privateKey } =
    type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return String(privateKey.export({ type: 'pkcs8', format: 'pem' }));
};

describe('the release signing key', () => {
  it('is required', () => {
    for (const missing of [undefined, '', '  \n']) {
      expect(() => parseSigningKey(missing)).toThrow(expect.objectContaining({ code: 'release.signing_key_missing' }));
    }
  });

  it('must be a P-256 private key, and its text never reaches the message', () => {
    const secret = '-----BEGIN PRIVATE KEY-----\nnot-really-a-key\n-----END PRIVATE KEY-----\n';
    expect(() => parseSigningKey(secret)).toThrow(expect.objectContaining({ code: 'release.signing_key_invalid' }));
    try {
      parseSigningKey(secret);
    } catch (e) {
      expect((e as Error).message).not.toContain('not-really-a-key');
    }
    expect(() => parseSigningKey(pem('rsa'))).toThrow(expect.objectContaining({ code: 'release.signing_key_invalid' }));
  });

  it('is accepted with literal \\n for environments without multi-line values', () => {
    const key = pem('ec');
    expect(publicKeyPem(key.replaceAll('\n', '\\n'))).toBe(publicKeyPem(key));
  });
});

describe('signRelease', () => {
  it('writes a DER ECDSA signature over SHA-256 that the public half verifies', async () => {
    const key = pem('ec');
    const file = join(dir, 'artifact.tar.gz');
    writeFileSync(file, 'release bytes');
    const sig = await signRelease(file, key);
    expect(sig).toBe(`${file}.sig`);
    const signature = readFileSync(sig);
    expect(signature[0]).toBe(0x30); // a DER SEQUENCE (r, s), as openssl dgst -sign writes
    expect(verify('sha256', readFileSync(file), publicKeyPem(key), signature)).toBe(true);
    expect(verify('sha256', Buffer.from('other bytes'), publicKeyPem(key), signature)).toBe(false);
    expect(verify('sha256', readFileSync(file), publicKeyPem(pem('ec')), signature)).toBe(false);
  });

  it('writes to the path it is given', async () => {
    const file = join(dir, 'other.tar.gz');
    writeFileSync(file, 'x');
    expect(await signRelease(file, pem('ec'), join(dir, 'elsewhere.sig'))).toBe(join(dir, 'elsewhere.sig'));
    expect(readFileSync(join(dir, 'elsewhere.sig')).length).toBeGreaterThan(60);
  });
});
