import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64.ts';

describe('base64', () => {
  it('matches the standard encoding and round-trips a full 128 KiB chunk', () => {
    expect(bytesToBase64(new TextEncoder().encode('hello'))).toBe('aGVsbG8=');
    const chunk = new Uint8Array(128 * 1024).map((_, i) => (i * 31) & 0xff);
    expect(base64ToBytes(bytesToBase64(chunk))).toEqual(chunk);
  });
});
