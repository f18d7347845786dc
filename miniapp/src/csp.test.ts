import { describe, expect, it } from 'vitest';
import { miniAppPolicy } from './csp.ts';

// The shape of the header SvelteKit sends for web/svelte.config.js's directives (mode 'auto', a nonce per page).
const webPolicy =
  "default-src 'self'; script-src 'self' 'nonce-abc123'; style-src 'self' 'unsafe-inline'; connect-src 'self'; " +
  "img-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const directives = (policy: string) => Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d]));

describe('miniAppPolicy', () => {
  it("lets Telegram's web client frame the page and loads Telegram's script, nothing else changed", () => {
    const policy = miniAppPolicy(webPolicy, { scriptOrigin: 'https://telegram.org', local: false });
    const before = directives(webPolicy);
    const after = directives(policy);
    expect(after['frame-ancestors']).toBe('frame-ancestors https://web.telegram.org');
    expect(after['script-src']).toBe("script-src 'self' 'nonce-abc123' https://telegram.org");
    for (const name of Object.keys(before)) {
      if (name !== 'frame-ancestors' && name !== 'script-src') expect(after[name]).toBe(before[name]);
    }
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  });

  it("adds loopback ancestors for a local Worker (the stand-in's chat page)", () => {
    const policy = miniAppPolicy(webPolicy, { scriptOrigin: 'http://127.0.0.1:8790', local: true });
    expect(directives(policy)['frame-ancestors']).toBe(
      'frame-ancestors https://web.telegram.org http://127.0.0.1:* http://localhost:*',
    );
    expect(directives(policy)['script-src']).toBe("script-src 'self' 'nonce-abc123' http://127.0.0.1:8790");
  });

  it('allows no extra script when the script URL is misconfigured, but can still be framed to show the error', () => {
    const policy = miniAppPolicy(webPolicy, { scriptOrigin: null, local: false });
    expect(directives(policy)['script-src']).toBe("script-src 'self' 'nonce-abc123'");
    expect(directives(policy)['frame-ancestors']).toBe('frame-ancestors https://web.telegram.org');
  });

  it('adds the directives a policy lacks, scripts from default-src plus the origin', () => {
    expect(miniAppPolicy("default-src 'self'", { scriptOrigin: 'https://telegram.org', local: false })).toBe(
      "default-src 'self'; frame-ancestors https://web.telegram.org; script-src 'self' https://telegram.org",
    );
    expect(miniAppPolicy('', { scriptOrigin: 'https://telegram.org', local: false })).toBe(
      "frame-ancestors https://web.telegram.org; script-src 'self' https://telegram.org",
    );
  });

  it('does not repeat an origin the policy already allows', () => {
    const policy = miniAppPolicy("script-src 'self' https://telegram.org", {
      scriptOrigin: 'https://telegram.org',
      local: false,
    });
    expect(directives(policy)['script-src']).toBe("script-src 'self' https://telegram.org");
  });
});
