import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SSH_FINGERPRINT_PATTERN, sshFingerprint } from './fingerprint.ts';
import { parseSshPublicKey, type SshPublicKey } from './public-key.ts';

// Generated with `ssh-keygen -t ed25519 -C test`; `ssh-keygen -lf` prints the fingerprint below.
const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIP+0taXVhXuGGiZJnqgkEtTTHMR6yiMpsH/xIUKDb8L5 test@host';
const ED25519_FP = 'SHA256:YAwxGVntQEscb6feb/Q0FUoWpBqUsIjEXigjx1maG6w';

const sshString = (b: Buffer | string) => {
  const buf = typeof b === 'string' ? Buffer.from(b) : b;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(buf.length);
  return Buffer.concat([len, buf]);
};

const fingerprint = (key: SshPublicKey) => sshFingerprint(createHash('sha256').update(key.blob).digest());

function parsed(line: string): SshPublicKey {
  const result = parseSshPublicKey(line);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function refusal(line: string): string {
  const result = parseSshPublicKey(line);
  if (result.ok) throw new Error(`accepted ${JSON.stringify(line.slice(0, 60))}`);
  expect(result.error.code).toBe('ssh.invalid_key');
  return result.error.message;
}

/** ssh-keygen's own fingerprint for a public key line. */
function keygenFingerprint(dir: string, line: string): string {
  const file = join(dir, `k${randomBytes(4).toString('hex')}.pub`);
  writeFileSync(file, `${line}\n`);
  return execFileSync('ssh-keygen', ['-lf', file], { encoding: 'utf8' }).split(' ')[1] as string;
}

function generated(dir: string, type: string, bits?: number): string {
  const file = join(dir, `${type}${bits ?? ''}`);
  const size = bits ? ['-b', String(bits)] : [];
  execFileSync('ssh-keygen', ['-q', '-t', type, ...size, '-N', '', '-C', 'me@laptop', '-f', file]);
  return readFileSync(`${file}.pub`, 'utf8');
}

function ecPoint(curve: 'P-256' | 'P-384' | 'P-521'): Buffer {
  const jwk = generateKeyPairSync('ec', { namedCurve: curve }).publicKey.export({ format: 'jwk' });
  return Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x as string, 'base64url'),
    Buffer.from(jwk.y as string, 'base64url'),
  ]);
}

function skEcdsaLine(): string {
  const type = 'sk-ecdsa-sha2-nistp256@openssh.com';
  const blob = Buffer.concat([sshString(type), sshString('nistp256'), sshString(ecPoint('P-256')), sshString('ssh:')]);
  return `${type} ${blob.toString('base64')} yubikey`;
}

function skEd25519Line(): string {
  const type = 'sk-ssh-ed25519@openssh.com';
  const blob = Buffer.concat([sshString(type), sshString(randomBytes(32)), sshString('ssh:')]);
  return `${type} ${blob.toString('base64')}`;
}

describe('parseSshPublicKey', () => {
  let dir: string;
  const keys: Record<string, string> = {};

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keys-'));
    keys.ed25519 = generated(dir, 'ed25519');
    keys.ecdsa256 = generated(dir, 'ecdsa', 256);
    keys.ecdsa384 = generated(dir, 'ecdsa', 384);
    keys.ecdsa521 = generated(dir, 'ecdsa', 521);
    keys.rsa2048 = generated(dir, 'rsa', 2048);
    keys.rsa1024 = generated(dir, 'rsa', 1024);
    keys.skEcdsa = skEcdsaLine();
    keys.skEd25519 = skEd25519Line();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['ed25519', 'ssh-ed25519', 256],
    ['ecdsa256', 'ecdsa-sha2-nistp256', 256],
    ['ecdsa384', 'ecdsa-sha2-nistp384', 384],
    ['ecdsa521', 'ecdsa-sha2-nistp521', 521],
    ['rsa2048', 'ssh-rsa', 2048],
    ['skEcdsa', 'sk-ecdsa-sha2-nistp256@openssh.com', 256],
    ['skEd25519', 'sk-ssh-ed25519@openssh.com', 256],
  ])('accepts %s with the fingerprint ssh-keygen -lf prints', (name, algorithm, bits) => {
    const line = keys[name] as string;
    const key = parsed(line);
    expect(key.algorithm).toBe(algorithm);
    expect(key.bits).toBe(bits);
    expect(key.line).toBe(line.split(' ').slice(0, 2).join(' '));
    expect(fingerprint(key)).toBe(keygenFingerprint(dir, line.trim()));
    expect(fingerprint(key)).toMatch(SSH_FINGERPRINT_PATTERN);
  });

  it('drops the comment and fingerprints a known key like ssh-keygen', () => {
    const key = parsed(ED25519);
    expect(key.line).toBe(ED25519.split(' ').slice(0, 2).join(' '));
    expect(key.base64).toBe(ED25519.split(' ')[1]);
    expect(fingerprint(key)).toBe(ED25519_FP);
  });

  it('accepts every point of every curve it names (node:crypto makes them)', () => {
    for (const [curve, type] of [
      ['P-256', 'nistp256'],
      ['P-384', 'nistp384'],
      ['P-521', 'nistp521'],
    ] as const) {
      for (let i = 0; i < 20; i++) {
        const algorithm = `ecdsa-sha2-${type}`;
        const blob = Buffer.concat([sshString(algorithm), sshString(type), sshString(ecPoint(curve))]);
        expect(parsed(`${algorithm} ${blob.toString('base64')}`).algorithm).toBe(algorithm);
      }
    }
  });

  it('refuses RSA under 2048 bits', () => {
    expect(refusal(keys.rsa1024 as string)).toMatch(/at least 2048/);
  });

  it('refuses an ecdsa point that is not on the curve', () => {
    const type = 'ecdsa-sha2-nistp256';
    const q = Buffer.concat([Buffer.from([4]), randomBytes(64)]);
    const blob = Buffer.concat([sshString(type), sshString('nistp256'), sshString(q)]);
    expect(refusal(`${type} ${blob.toString('base64')}`)).toMatch(/curve/);
  });

  it('refuses options, newlines, junk and malformed blobs with ssh.invalid_key', () => {
    const ed = (keys.ed25519 as string).trim();
    const [type, data] = ed.split(' ') as [string, string];
    const blob = Buffer.from(data, 'base64');
    const cases: [string, string][] = [
      ['options', `command="/bin/sh" ${ed}`],
      ['expiry option', `expiry-time="209901010000Z" ${ed}`],
      ['two keys', `${ed}\n${ed}`],
      ['embedded newline in comment', `${type} ${data} a\nb`],
      ['carriage return', `${ed}\rssh-rsa AAAA`],
      ['junk', 'hello world'],
      ['empty', ''],
      ['dss', 'ssh-dss AAAAB3NzaC1kc3MAAACBAP1/'],
      ['not base64', `${type} !!!!`],
      ['truncated blob', `${type} ${blob.subarray(0, blob.length - 4).toString('base64')}`],
      ['trailing bytes', `${type} ${Buffer.concat([blob, Buffer.from([0, 0, 0, 0])]).toString('base64')}`],
      ['type mismatch', `ssh-rsa ${data}`],
      ['private key', '-----BEGIN OPENSSH PRIVATE KEY-----'],
      ['too long', `ssh-ed25519 ${'A'.repeat(20000)}`],
    ];
    for (const [name, line] of cases) expect(() => refusal(line), name).not.toThrow();
  });

  it('tolerates the whitespace around a pasted line, as in a .pub file', () => {
    expect(parsed(keys.ed25519 as string).algorithm).toBe('ssh-ed25519');
    expect(parsed(`  ${ED25519}\r\n\n`).line).toBe(ED25519.split(' ').slice(0, 2).join(' '));
  });
});
