import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePublicKey } from './public-key.ts';

const sshString = (b: Buffer | string) => {
  const buf = typeof b === 'string' ? Buffer.from(b) : b;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(buf.length);
  return Buffer.concat([len, buf]);
};

/** ssh-keygen's own fingerprint for a public key line. */
function keygenFingerprint(dir: string, line: string): string {
  const file = join(dir, `k${randomBytes(4).toString('hex')}.pub`);
  writeFileSync(file, `${line}\n`);
  return execFileSync('ssh-keygen', ['-lf', file], { encoding: 'utf8' }).split(' ')[1] as string;
}

function generated(dir: string, type: string, bits?: number): string {
  const file = join(dir, `${type}${bits ?? ''}`);
  execFileSync('ssh-keygen', [
    '-q',
    '-t',
    type,
    ...(bits ? ['-b', String(bits)] : []),
    '-N',
    '',
    '-C',
    'me@laptop',
    '-f',
    file,
  ]);
  return readFileSync(`${file}.pub`, 'utf8');
}

function skEcdsaLine(): string {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const q = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x as string, 'base64url'),
    Buffer.from(jwk.y as string, 'base64url'),
  ]);
  const type = 'sk-ecdsa-sha2-nistp256@openssh.com';
  const blob = Buffer.concat([sshString(type), sshString('nistp256'), sshString(q), sshString('ssh:')]);
  return `${type} ${blob.toString('base64')} yubikey`;
}

function skEd25519Line(): string {
  const type = 'sk-ssh-ed25519@openssh.com';
  const blob = Buffer.concat([sshString(type), sshString(randomBytes(32)), sshString('ssh:')]);
  return `${type} ${blob.toString('base64')}`;
}

describe('parsePublicKey', () => {
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
    const key = parsePublicKey(line);
    expect(key.algorithm).toBe(algorithm);
    expect(key.bits).toBe(bits);
    expect(key.fingerprint).toBe(keygenFingerprint(dir, line.trim()));
    expect(key.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('refuses RSA under 2048 bits', () => {
    expect(() => parsePublicKey(keys.rsa1024 as string)).toThrow(/at least 2048/);
  });

  const bad = (): [string, string][] => {
    const ed = (keys.ed25519 as string).trim();
    const [type, data] = ed.split(' ') as [string, string];
    const blob = Buffer.from(data, 'base64');
    return [
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
    ];
  };

  it('refuses options, newlines and junk with ssh.invalid_key', () => {
    for (const [name, line] of bad()) {
      expect(() => parsePublicKey(line), name).toThrow(expect.objectContaining({ code: 'ssh.invalid_key' }));
    }
  });

  it('tolerates one trailing newline, as in a .pub file', () => {
    expect(parsePublicKey(keys.ed25519 as string).algorithm).toBe('ssh-ed25519');
  });

  it('refuses an ecdsa point that is not on the curve', () => {
    const type = 'ecdsa-sha2-nistp256';
    const q = Buffer.concat([Buffer.from([4]), randomBytes(64)]);
    const blob = Buffer.concat([sshString(type), sshString('nistp256'), sshString(q)]);
    expect(() => parsePublicKey(`${type} ${blob.toString('base64')}`)).toThrow(/curve/);
  });
});
