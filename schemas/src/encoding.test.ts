import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, bytesToBase64Url, bytesToHex } from './encoding.ts';

describe('base64', () => {
  it('matches the standard encoding and round-trips a full 128 KiB chunk', () => {
    expect(bytesToBase64(new TextEncoder().encode('hello'))).toBe('aGVsbG8=');
    const chunk = new Uint8Array(128 * 1024).map((_, i) => (i * 31) & 0xff);
    expect(base64ToBytes(bytesToBase64(chunk))).toEqual(chunk);
  });

  it('agrees with Node for any bytes, in both alphabets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
        expect(bytesToBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
        expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
        expect(base64ToBytes(bytesToBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });

  it('refuses what is not base64 instead of throwing', () => {
    for (const text of ['!!!!', 'A', 'AAAAA', 'a b', '====', 'AA=A']) expect(base64ToBytes(text)).toBeNull();
    expect(base64ToBytes('')).toEqual(new Uint8Array());
  });
});

describe('hex', () => {
  it('writes two lower-case digits per byte', () => {
    expect(bytesToHex(new Uint8Array([0, 9, 171, 255]))).toBe('0009abff');
  });
});
