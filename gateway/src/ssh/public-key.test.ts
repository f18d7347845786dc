import { describe, expect, it } from 'vitest';
import { parsePublicKey } from './public-key.ts';

// Generated with `ssh-keygen -t ed25519 -C test`; `ssh-keygen -lf` prints the fingerprint below. The parser's own
// cases (every key type against ssh-keygen, the refusals) are beside it in schemas/src/ssh-key.
const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIP+0taXVhXuGGiZJnqgkEtTTHMR6yiMpsH/xIUKDb8L5 test@host';

describe('parsePublicKey', () => {
  it('fingerprints with node:crypto as ssh-keygen -lf does', () => {
    expect(parsePublicKey(`${ED25519}\n`)).toEqual({
      algorithm: 'ssh-ed25519',
      base64: ED25519.split(' ')[1],
      fingerprint: 'SHA256:YAwxGVntQEscb6feb/Q0FUoWpBqUsIjEXigjx1maG6w',
    });
  });

  it('refuses with a GatewayError ssh.invalid_key that says why', () => {
    expect(() => parsePublicKey(`command="/bin/sh" ${ED25519}`)).toThrow(
      expect.objectContaining({
        name: 'GatewayError',
        code: 'ssh.invalid_key',
        message: 'key options are not accepted',
      }),
    );
  });
});
