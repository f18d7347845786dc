import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { hit, MAGIC_LINK_PER_EMAIL } from '../src/auth/rate-limit.ts';
import { nextIp, requestMagicLink, uniqueEmail } from './helpers/auth.ts';

const tokenRows = async (email: string) =>
  (
    await env.DB.prepare('SELECT count(*) AS n FROM magic_link_tokens WHERE email = ?')
      .bind(email)
      .first<{ n: number }>()
  )?.n;

async function expectLimited(res: Response) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(3600);
  expect(await res.json()).toEqual({
    error: { code: 'auth.rate_limited', message: 'too many sign-in requests, try again later' },
  });
}

describe('sign-in rate limits', () => {
  it('allows 5 links per address per hour, from any IPs, then 429 with Retry-After', async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 5; i++) expect((await requestMagicLink(email, nextIp())).status).toBe(202);
    await expectLimited(await requestMagicLink(email, nextIp()));
    await expectLimited(await requestMagicLink(email.toUpperCase(), nextIp()));
    expect(await tokenRows(email)).toBe(5);
    expect((await requestMagicLink(uniqueEmail(), nextIp())).status).toBe(202);
  });

  it('allows 20 links per IP per hour, for any addresses, then 429 with Retry-After', async () => {
    const ip = nextIp();
    for (let i = 0; i < 20; i++) expect((await requestMagicLink(uniqueEmail(), ip)).status).toBe(202);
    const blocked = uniqueEmail();
    await expectLimited(await requestMagicLink(blocked, ip));
    expect(await tokenRows(blocked)).toBe(0);
    expect((await requestMagicLink(blocked, nextIp())).status).toBe(202);
  });

  it('opens a new window on the hour (driven clock, real KV)', async () => {
    const subject = crypto.randomUUID();
    const hour = 3_600_000;
    const start = 500_000 * hour + 59 * 60_000;
    for (let i = 0; i < 5; i++)
      expect(await hit(env.KV, MAGIC_LINK_PER_EMAIL, subject, start)).toEqual({ allowed: true });
    expect(await hit(env.KV, MAGIC_LINK_PER_EMAIL, subject, start + 30_000)).toEqual({
      allowed: false,
      retryAfterSeconds: 30,
    });
    expect(await hit(env.KV, MAGIC_LINK_PER_EMAIL, subject, start + 60_000)).toEqual({ allowed: true });
  });
});
