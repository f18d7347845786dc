import { describe, expect, it } from 'vitest';
import { decryptToken, encryptToken, importTokenKey, type TokenCipherError } from './token-cipher.ts';

const keyBytes = (fill: number) => new Uint8Array(32).fill(fill);

describe('token cipher', () => {
  it('round-trips with a fresh IV each time', async () => {
    const key = await importTokenKey(keyBytes(1));
    const a = await encryptToken(key, 'do-access-token', 'user-1');
    const b = await encryptToken(key, 'do-access-token', 'user-1');
    expect(a).toMatch(/^v1\.[\w-]{16}\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('do-access-token');
    expect(await decryptToken(key, a, 'user-1')).toBe('do-access-token');
    expect(await decryptToken(key, b, 'user-1')).toBe('do-access-token');
  });

  it('refuses another key, another context, a tampered ciphertext and an unknown version', async () => {
    const key = await importTokenKey(keyBytes(1));
    const sealed = await encryptToken(key, 'secret', 'user-1');
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => 'decrypted',
        (e: TokenCipherError) => e.code,
      );
    expect(await failure(decryptToken(await importTokenKey(keyBytes(2)), sealed, 'user-1'))).toBe(
      'cipher.authentication_failed',
    );
    expect(await failure(decryptToken(key, sealed, 'user-2'))).toBe('cipher.authentication_failed');
    const [version, iv, ciphertext] = sealed.split('.') as [string, string, string];
    const flipped = `${ciphertext[0] === 'A' ? 'B' : 'A'}${ciphertext.slice(1)}`;
    expect(await failure(decryptToken(key, `${version}.${iv}.${flipped}`, 'user-1'))).toBe(
      'cipher.authentication_failed',
    );
    expect(await failure(decryptToken(key, sealed.replace(/^v1/, 'v2'), 'user-1'))).toBe('cipher.unsupported_version');
    expect(await failure(decryptToken(key, 'v1.only-two', 'user-1'))).toBe('cipher.malformed');
    expect(await failure(decryptToken(key, 'v1.!!.??', 'user-1'))).toBe('cipher.malformed');
  });

  it('accepts only 32-byte keys', () => {
    expect(() => importTokenKey(new Uint8Array(16))).toThrow(RangeError);
  });
});
