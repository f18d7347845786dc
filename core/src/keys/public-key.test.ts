import { describe, expect, it } from 'vitest';
import { fingerprint, parsePublicKey } from './public-key.ts';

// Generated with `ssh-keygen -t ed25519 -C test`; `ssh-keygen -lf` prints the fingerprint below.
const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIP+0taXVhXuGGiZJnqgkEtTTHMR6yiMpsH/xIUKDb8L5 test@host';

describe('parsePublicKey', () => {
  it('accepts a well-formed key, drops the comment and fingerprints it like ssh-keygen', async () => {
    const key = parsePublicKey(ED25519);
    expect(key?.type).toBe('ssh-ed25519');
    expect(key?.line).toBe(ED25519.split(' ').slice(0, 2).join(' '));
    expect(key && (await fingerprint(key))).toBe('SHA256:YAwxGVntQEscb6feb/Q0FUoWpBqUsIjEXigjx1maG6w');
  });

  it.each([
    ['empty', ''],
    ['a private key', '-----BEGIN OPENSSH PRIVATE KEY-----'],
    ['an unknown type', 'ssh-dss AAAAB3NzaC1kc3M='],
    ['a type that does not match the blob', `ssh-rsa ${ED25519.split(' ')[1]}`],
    ['bad base64', 'ssh-ed25519 !!!!'],
    ['two lines', `${ED25519}\n${ED25519}`],
    ['too long', `ssh-ed25519 ${'A'.repeat(20000)}`],
  ])('refuses %s', (_name, text) => {
    expect(parsePublicKey(text)).toBeNull();
  });
});
