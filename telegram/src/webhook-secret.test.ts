import { describe, expect, it, vi } from 'vitest';
import { secretMatches } from './webhook-secret.ts';

/** Stands in for workerd's `crypto.subtle.timingSafeEqual`, which throws on unequal lengths as this one does. */
function equalSpy() {
  return vi.fn((a: Uint8Array, b: Uint8Array) => {
    if (a.byteLength !== b.byteLength) throw new TypeError('lengths differ');
    return a.every((byte, i) => byte === b[i]);
  });
}

describe('secretMatches', () => {
  it('accepts the configured secret, compared by the constant-time function', () => {
    const equal = equalSpy();
    expect(secretMatches('s3cret_-X', 's3cret_-X', equal)).toBe(true);
    expect(equal).toHaveBeenCalledOnce();
  });

  it('refuses a wrong secret of the same length', () => {
    expect(secretMatches('s3cret_-Y', 's3cret_-X', equalSpy())).toBe(false);
  });

  it('refuses a different length without comparing (the constant-time compare needs equal lengths)', () => {
    const equal = equalSpy();
    expect(secretMatches('s3cret_', 's3cret_-X', equal)).toBe(false);
    expect(secretMatches('s3cret_-X-longer', 's3cret_-X', equal)).toBe(false);
    // Same number of characters, more bytes.
    expect(secretMatches('s3cret_-é', 's3cret_-X', equal)).toBe(false);
    expect(equal).not.toHaveBeenCalled();
  });

  it('refuses a missing or empty header', () => {
    const equal = equalSpy();
    expect(secretMatches(undefined, 's3cret_-X', equal)).toBe(false);
    expect(secretMatches(null, 's3cret_-X', equal)).toBe(false);
    expect(secretMatches('', 's3cret_-X', equal)).toBe(false);
  });

  it('refuses everything when no secret is configured', () => {
    const equal = equalSpy();
    expect(secretMatches('', '', equal)).toBe(false);
    expect(secretMatches('anything', '', equal)).toBe(false);
    expect(equal).not.toHaveBeenCalled();
  });
});
