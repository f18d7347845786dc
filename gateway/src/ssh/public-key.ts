/**
 * OpenSSH public keys as users paste them: exactly one `<type> <base64> [comment]` line, no options. The
 * base64 blob is parsed per RFC 4253 / 5656 / PROTOCOL.u2f, so a key that merely looks right is refused, and
 * the fingerprint is SHA256 over the blob, printed as `ssh-keygen -lf` does.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { GatewayError } from '../errors.ts';

export interface PublicKey {
  algorithm: string;
  /** The key blob as base64 (the second field of the line). */
  base64: string;
  fingerprint: string;
  /** Key size in bits, as ssh-keygen reports it. */
  bits: number;
}

const MIN_RSA_BITS = 2048;
const MAX_RSA_BITS = 16384;

const ECDSA_CURVES: Record<string, { crv: string; coord: number; bits: number }> = {
  nistp256: { crv: 'P-256', coord: 32, bits: 256 },
  nistp384: { crv: 'P-384', coord: 48, bits: 384 },
  nistp521: { crv: 'P-521', coord: 66, bits: 521 },
};

export const ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ssh-rsa',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
] as const;

const invalid = (message: string) => new GatewayError('ssh.invalid_key', message);

/** Reads SSH wire-format strings from a blob; any overrun is an invalid key. */
class BlobReader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}

  string(): Buffer {
    if (this.pos + 4 > this.buf.length) throw invalid('the key data is truncated');
    const len = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    if (this.pos + len > this.buf.length) throw invalid('the key data is truncated');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  /** An mpint as a positive big-endian byte string without leading zeros. */
  positiveMpint(): Buffer {
    const raw = this.string();
    if (raw.length === 0 || (raw[0] as number) & 0x80) throw invalid('the key has a bad number');
    if (raw.length > 1 && raw[0] === 0 && !((raw[1] as number) & 0x80)) throw invalid('the key has a bad number');
    return raw[0] === 0 ? raw.subarray(1) : raw;
  }

  end(): void {
    if (this.pos !== this.buf.length) throw invalid('the key data has trailing bytes');
  }
}

const b64url = (b: Buffer) => b.toString('base64url');

function checkEcPoint(curve: string, q: Buffer): number {
  const spec = ECDSA_CURVES[curve];
  if (!spec) throw invalid(`unsupported curve ${curve}`);
  if (q.length !== 1 + 2 * spec.coord || q[0] !== 0x04) throw invalid('the key is not an uncompressed curve point');
  try {
    createPublicKey({
      key: {
        kty: 'EC',
        crv: spec.crv,
        x: b64url(q.subarray(1, 1 + spec.coord)),
        y: b64url(q.subarray(1 + spec.coord)),
      },
      format: 'jwk',
    });
  } catch {
    throw invalid('the key is not a point on its curve');
  }
  return spec.bits;
}

/** Checks the blob's structure for its algorithm and returns the key size in bits. */
function checkBlob(algorithm: string, blob: Buffer): number {
  const r = new BlobReader(blob);
  if (r.string().toString('latin1') !== algorithm) throw invalid('the key data does not match its type');
  let bits: number;
  switch (algorithm) {
    case 'ssh-ed25519':
    case 'sk-ssh-ed25519@openssh.com': {
      if (r.string().length !== 32) throw invalid('an ed25519 key has 32 bytes');
      bits = 256;
      break;
    }
    case 'ecdsa-sha2-nistp256':
    case 'ecdsa-sha2-nistp384':
    case 'ecdsa-sha2-nistp521':
    case 'sk-ecdsa-sha2-nistp256@openssh.com': {
      const curve = r.string().toString('latin1');
      const expected = algorithm.startsWith('sk-') ? 'nistp256' : algorithm.slice('ecdsa-sha2-'.length);
      if (curve !== expected) throw invalid('the key curve does not match its type');
      bits = checkEcPoint(curve, r.string());
      break;
    }
    case 'ssh-rsa': {
      const e = r.positiveMpint();
      const n = r.positiveMpint();
      bits = n.length * 8 - Math.clz32(n[0] as number) + 24;
      if (bits < MIN_RSA_BITS) throw invalid(`RSA keys need at least ${MIN_RSA_BITS} bits, this one has ${bits}`);
      if (bits > MAX_RSA_BITS) throw invalid(`RSA keys may have at most ${MAX_RSA_BITS} bits`);
      try {
        createPublicKey({ key: { kty: 'RSA', n: b64url(n), e: b64url(e) }, format: 'jwk' });
      } catch {
        throw invalid('the RSA key is malformed');
      }
      break;
    }
    default:
      throw invalid(`unsupported key type ${algorithm}`);
  }
  // Security keys carry the application (normally "ssh:") after the public key.
  if (algorithm.startsWith('sk-') && r.string().length === 0) throw invalid('a security key needs an application');
  r.end();
  return bits;
}

/** `SHA256:` + unpadded base64 of the blob's SHA-256, exactly as `ssh-keygen -lf` prints it. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Parses one public key line. A single trailing newline is tolerated; anything else unusual is refused. */
export function parsePublicKey(input: string): PublicKey {
  const text = input.replace(/\r?\n$/, '');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(text)) throw invalid('one key per call, on one line');
  const fields = text.trim().split(/[ \t]+/);
  const [algorithm = '', data = ''] = fields;
  if (!(ALGORITHMS as readonly string[]).includes(algorithm)) {
    if (/[=,"]/.test(algorithm)) throw invalid('key options are not accepted');
    throw invalid(`unsupported key type ${JSON.stringify(algorithm.slice(0, 40))}`);
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data) || data.length % 4 !== 0) throw invalid('the key data is not base64');
  const blob = Buffer.from(data, 'base64');
  if (blob.toString('base64') !== data) throw invalid('the key data is not canonical base64');
  const bits = checkBlob(algorithm, blob);
  return { algorithm, base64: data, fingerprint: fingerprintOf(blob), bits };
}
