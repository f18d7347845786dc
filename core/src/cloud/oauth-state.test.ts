import { describe, expect, it } from 'vitest';
import { randomToken } from '../crypto/random-token.ts';
import { CloudError } from './cloud-error.ts';
import { assertOAuthState, oauthStateMatches } from './oauth-state.ts';

describe('OAuth state', () => {
  it('is 256 random bits, URL-safe', () => {
    const states = new Set(Array.from({ length: 100 }, () => randomToken()));
    expect(states.size).toBe(100);
    for (const s of states) expect(s).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('matches only the identical value', () => {
    const s = randomToken();
    expect(oauthStateMatches(s, s)).toBe(true);
    expect(oauthStateMatches(s, `${s}`)).toBe(true);
    for (const other of [
      randomToken(),
      s.slice(1),
      `${s}A`,
      s.toUpperCase() === s ? s.toLowerCase() : s.toUpperCase(),
    ]) {
      expect(oauthStateMatches(s, other)).toBe(false);
    }
  });

  it('refuses when either side is missing (deny by default)', () => {
    expect(oauthStateMatches('', '')).toBe(false);
    expect(oauthStateMatches(undefined, 'x')).toBe(false);
    expect(oauthStateMatches('x', null)).toBe(false);
  });

  it('assertOAuthState throws cloud.oauth_state_mismatch without echoing either value', () => {
    const s = randomToken();
    expect(() => assertOAuthState(s, s)).not.toThrow();
    try {
      assertOAuthState(s, 'attacker-state');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CloudError);
      expect((err as CloudError).code).toBe('cloud.oauth_state_mismatch');
      expect((err as CloudError).message).not.toContain(s);
      expect((err as CloudError).message).not.toContain('attacker-state');
    }
  });
});
