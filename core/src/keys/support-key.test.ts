import { describe, expect, it } from 'vitest';
import { supportKey } from './support-key.ts';

describe('supportKey', () => {
  it('refuses when unconfigured or malformed', () => {
    for (const value of [undefined, '', '   ', 'not a key']) {
      expect(() => supportKey(value)).toThrow(expect.objectContaining({ status: 503, code: 'support.unconfigured' }));
    }
  });

  it('accepts a valid public key', () => {
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIP+0taXVhXuGGiZJnqgkEtTTHMR6yiMpsH/xIUKDb8L5 support';
    expect(supportKey(key).algorithm).toBe('ssh-ed25519');
  });
});
