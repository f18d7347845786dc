import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signFile, signingKeys } from '../../test/synthetic-release.ts';
import { loadReleaseKey, ReleaseDigest } from './verify.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const keys = signingKeys();
const pub = join(dir, 'release.pub');
writeFileSync(pub, keys.publicPem);
const data = Buffer.from('a release tarball, in three chunks');
const file = join(dir, 'release.tar.gz');
writeFileSync(file, data);

function digestOf(buf: Buffer): ReleaseDigest {
  const d = new ReleaseDigest();
  for (let i = 0; i < buf.length; i += 12) d.update(buf.subarray(i, i + 12));
  return d;
}

describe('release verification', () => {
  it('accepts a signature openssl made and checks the announced sha256', async () => {
    const key = await loadReleaseKey(pub);
    const privPem = join(dir, 'release.key');
    writeFileSync(privPem, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const sig = execFileSync('openssl', ['dgst', '-sha256', '-sign', privPem, file]);
    const sha256 = execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0] as string;
    expect(digestOf(data).check({ sha256, signature: sig }, key)).toBe(sha256);
    expect(digestOf(data).check({ signature: signFile(file, keys) }, key)).toBe(sha256);
  });

  it('refuses a wrong checksum, a wrong signature and another key', async () => {
    const key = await loadReleaseKey(pub);
    const signature = signFile(file, keys);
    expect(() => digestOf(data).check({ sha256: '0'.repeat(64), signature }, key)).toThrow(
      expect.objectContaining({ code: 'update.bad_checksum' }),
    );
    const tampered = Buffer.from(data);
    tampered[3] ^= 1;
    expect(() => digestOf(tampered).check({ signature }, key)).toThrow(
      expect.objectContaining({ code: 'update.bad_signature' }),
    );
    expect(() => digestOf(data).check({ signature: Buffer.from('not der') }, key)).toThrow(
      expect.objectContaining({ code: 'update.bad_signature' }),
    );
    const other = signingKeys();
    expect(() => digestOf(data).check({ signature: signFile(file, other) }, key)).toThrow(
      expect.objectContaining({ code: 'update.bad_signature' }),
    );
  });

  it('refuses to run with a missing key or one that is not EC P-256', async () => {
    await expect(loadReleaseKey(join(dir, 'nope.pub'))).rejects.toMatchObject({ code: 'update.not_configured' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' });
    writeFileSync(join(dir, 'rsa.pub'), rsa);
    await expect(loadReleaseKey(join(dir, 'rsa.pub'))).rejects.toMatchObject({ code: 'update.not_configured' });
  });
});
