/**
 * OpenSSH public keys as users paste them: one `<type> <base64> [comment]` line, no options. The control plane
 * checks a key before it asks the gateway to add it, and the gateway checks it again before it writes
 * authorized_keys — with this one parser, so the two can never disagree about which keys exist.
 *
 * The blob is parsed per RFC 4253 / 5656 / OpenSSH's PROTOCOL.u2f, so a key that merely looks right is refused:
 * its first field must repeat the type, ed25519 keys have 32 bytes, an ECDSA point lies on its curve, RSA moduli
 * have 2048..16384 bits, a security key names its application, and nothing trails the key.
 */

import { base64ToBytes, bytesToBase64 } from '../encoding.ts';
import { err, ok, type Result } from '../result.ts';
import { ascii, BlobReader, InvalidSshKey } from './blob-reader.ts';
import { CURVES, isOnCurve } from './curves.ts';

/**
 * The key types authorized_keys gets from us: what OpenSSH 9 accepts by default for user keys. Not `ssh-dss` (DSA,
 * disabled since OpenSSH 7.0 and removed in 9.8) and not `*-cert-v01@openssh.com` (certificates need a
 * `cert-authority` line, which is an option, and options are refused).
 */
export const SSH_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ssh-rsa',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
] as const;

export type SshKeyAlgorithm = (typeof SSH_KEY_ALGORITHMS)[number];

/** Far above a 16384-bit RSA key's line (~2.8 KB), so only junk is cut. */
export const MAX_PUBLIC_KEY_CHARS = 16 * 1024;
const MIN_RSA_BITS = 2048;
const MAX_RSA_BITS = 16384;

export interface SshPublicKey {
  algorithm: SshKeyAlgorithm;
  /** The key blob as base64 (the line's second field). */
  base64: string;
  blob: Uint8Array;
  /** Key size in bits, as ssh-keygen reports it. */
  bits: number;
  /** `<algorithm> <base64>`: the key without its comment, as the control plane stores and sends it. */
  line: string;
}

export interface SshKeyError {
  code: 'ssh.invalid_key';
  message: string;
}

const isAlgorithm = (name: string): name is SshKeyAlgorithm => (SSH_KEY_ALGORITHMS as readonly string[]).includes(name);

function ecdsaBits(algorithm: SshKeyAlgorithm, r: BlobReader): number {
  const curveName = ascii(r.string());
  const expected = algorithm.startsWith('sk-') ? 'nistp256' : algorithm.slice('ecdsa-sha2-'.length);
  if (curveName !== expected) throw new InvalidSshKey('the key curve does not match its type');
  const curve = CURVES[curveName];
  if (!curve) throw new InvalidSshKey(`unsupported curve ${curveName}`);
  const q = r.string();
  const n = curve.coordBytes;
  if (q.byteLength !== 1 + 2 * n || q[0] !== 0x04)
    throw new InvalidSshKey('the key is not an uncompressed curve point');
  if (!isOnCurve(curve, q.subarray(1, 1 + n), q.subarray(1 + n))) {
    throw new InvalidSshKey('the key is not a point on its curve');
  }
  return curve.bits;
}

function rsaBits(r: BlobReader): number {
  r.positiveMpint(); // e
  const n = r.positiveMpint();
  const bits = n.byteLength * 8 - Math.clz32(n[0] ?? 0) + 24;
  if (bits < MIN_RSA_BITS) throw new InvalidSshKey(`RSA keys need at least ${MIN_RSA_BITS} bits, this one has ${bits}`);
  if (bits > MAX_RSA_BITS) throw new InvalidSshKey(`RSA keys may have at most ${MAX_RSA_BITS} bits`);
  return bits;
}

/** Checks the blob's structure for its algorithm and returns the key size in bits. */
function checkBlob(algorithm: SshKeyAlgorithm, blob: Uint8Array): number {
  const r = new BlobReader(blob);
  if (ascii(r.string()) !== algorithm) throw new InvalidSshKey('the key data does not match its type');
  let bits: number;
  if (algorithm === 'ssh-ed25519' || algorithm === 'sk-ssh-ed25519@openssh.com') {
    if (r.string().byteLength !== 32) throw new InvalidSshKey('an ed25519 key has 32 bytes');
    bits = 256;
  } else if (algorithm === 'ssh-rsa') {
    bits = rsaBits(r);
  } else {
    bits = ecdsaBits(algorithm, r);
  }
  // Security keys carry the application (normally "ssh:") after the public key.
  if (algorithm.startsWith('sk-') && r.string().byteLength === 0) {
    throw new InvalidSshKey('a security key needs an application');
  }
  r.end();
  return bits;
}

function parse(input: string): SshPublicKey {
  if (input.length > MAX_PUBLIC_KEY_CHARS) throw new InvalidSshKey('the key is longer than 16 KiB');
  // Whitespace around the line is a paste's, not the key's; a line break inside it is a second line.
  const text = input.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(text)) throw new InvalidSshKey('one key per call, on one line');
  const [algorithm = '', data = ''] = text.split(/[ \t]+/);
  if (!isAlgorithm(algorithm)) {
    if (/[=,"]/.test(algorithm)) throw new InvalidSshKey('key options are not accepted');
    throw new InvalidSshKey(`unsupported key type ${JSON.stringify(algorithm.slice(0, 40))}`);
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data) || data.length % 4 !== 0) {
    throw new InvalidSshKey('the key data is not base64');
  }
  const blob = base64ToBytes(data);
  if (!blob || bytesToBase64(blob) !== data) throw new InvalidSshKey('the key data is not canonical base64');
  const bits = checkBlob(algorithm, blob);
  return { algorithm, base64: data, blob, bits, line: `${algorithm} ${data}` };
}

/** Parses one public key line: the key, or `ssh.invalid_key` with a reason safe to show. Never throws. */
export function parseSshPublicKey(input: string): Result<SshPublicKey, SshKeyError> {
  try {
    return ok(parse(input));
  } catch (e) {
    if (e instanceof InvalidSshKey) return err({ code: 'ssh.invalid_key', message: e.message });
    throw e;
  }
}
