/**
 * The NIST curves of `ecdsa-sha2-nistp*` keys (FIPS 186-4 D.1.2; a = −3): a key's point must lie on its curve, or
 * it is refused before it reaches authorized_keys. Plain BigInt arithmetic, so the check needs no runtime crypto.
 */
import { bytesToHex } from '../encoding.ts';

interface Curve {
  /** Bytes per coordinate in the uncompressed point. */
  coordBytes: number;
  bits: number;
  p: bigint;
  b: bigint;
}

export const CURVES: Record<string, Curve> = {
  nistp256: {
    coordBytes: 32,
    bits: 256,
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
  },
  nistp384: {
    coordBytes: 48,
    bits: 384,
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
  },
  nistp521: {
    coordBytes: 66,
    bits: 521,
    p: (1n << 521n) - 1n,
    b: 0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
  },
};

const toBigInt = (bytes: Uint8Array): bigint => BigInt(`0x${bytesToHex(bytes)}`);

/** Whether (x, y) — big-endian coordinates — is a point of `curve`: both below p and y² = x³ − 3x + b (mod p). */
export function isOnCurve(curve: Curve, xBytes: Uint8Array, yBytes: Uint8Array): boolean {
  const { p, b } = curve;
  const x = toBigInt(xBytes);
  const y = toBigInt(yBytes);
  if (x >= p || y >= p) return false;
  return (y * y - (x * x * x - 3n * x + b)) % p === 0n;
}
