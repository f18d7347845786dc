/**
 * The sign-in mail limits (auth/sign-in-limits.ts) through the real route and `RateLimiter` Durable Objects: keys one
 * person cannot multiply (IPv6 /64, the mailbox behind an address's spellings), a per-domain and an overall cap,
 * counts that hold under parallel requests, and a 429 that says when to try again.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  MAGIC_LINK_GLOBAL,
  MAGIC_LINK_PER_DOMAIN,
  MAGIC_LINK_PER_EMAIL,
  MAGIC_LINK_PER_IP,
  retryAfterText,
} from '../src/auth/rate-limit.ts';
import { checkRateLimits } from '../src/auth/rate-limit-check.ts';
import { type Counter, GLOBAL_SHARDS, signInCounters } from '../src/auth/sign-in-limits.ts';
import { nextIp, requestMagicLink, uniqueEmail } from './helpers/auth.ts';

const hour = 3_600_000;

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
    error: { code: 'auth.rate_limited', message: `too many sign-in requests, ${retryAfterText(retryAfter)}` },
  });
}

const statuses = async (requests: Promise<Response>[]) => (await Promise.all(requests)).map((r) => r.status);
const count = (list: number[], status: number) => list.filter((s) => s === status).length;

describe('sign-in rate limits', () => {
  it('allows 5 links per mailbox per hour, however the address is spelled, from any IPs', async () => {
    const local = `j.doe.${crypto.randomUUID().slice(0, 8)}`;
    const spellings = [
      `${local}@gmail.com`,
      `${local.replaceAll('.', '')}@gmail.com`,
      `${local}+news@gmail.com`,
      `${local.toUpperCase()}@GoogleMail.com`,
      `${local.replace('.', '')}+x@googlemail.com`,
    ];
    expect(MAGIC_LINK_PER_EMAIL.limit).toBe(spellings.length);
    for (const email of spellings) expect((await requestMagicLink(email, nextIp())).status).toBe(202);
    await expectLimited(await requestMagicLink(`${local.replaceAll('.', '')}+other@gmail.com`, nextIp()));
    // Each link went to the address as typed (only lower-cased); the key is only for counting.
    expect(await tokenRows(`${local}+news@gmail.com`)).toBe(1);
    expect(await tokenRows(`${local}@googlemail.com`)).toBe(1);
    // Dots count only where the provider ignores them.
    const elsewhere = `${local}@example.com`;
    expect((await requestMagicLink(elsewhere, nextIp())).status).toBe(202);
    expect((await requestMagicLink(elsewhere.replaceAll('.doe', 'doe'), nextIp())).status).toBe(202);
  });

  it('allows 20 links per IPv4 address per hour, for any addresses, then 429 with Retry-After', async () => {
    const ip = nextIp();
    for (let i = 0; i < MAGIC_LINK_PER_IP.limit; i++) {
      expect((await requestMagicLink(uniqueEmail(), ip)).status).toBe(202);
    }
    const blocked = uniqueEmail();
    await expectLimited(await requestMagicLink(blocked, ip));
    expect(await tokenRows(blocked)).toBe(0);
    expect((await requestMagicLink(blocked, nextIp())).status).toBe(202);
  });

  it('counts a whole IPv6 /64 as one client', async () => {
    const hextet = () => ((Math.random() * 0xffff) | 0).toString(16);
    const prefix = `2001:db8:${hextet()}:${hextet()}`;
    for (let i = 1; i <= MAGIC_LINK_PER_IP.limit; i++) {
      expect((await requestMagicLink(uniqueEmail(), `${prefix}::${i.toString(16)}`)).status).toBe(202);
    }
    await expectLimited(await requestMagicLink(uniqueEmail(), `${prefix}:ffff:ffff:ffff:fffe`));
    expect((await requestMagicLink(uniqueEmail(), `${prefix.replace('2001:db8:', '2001:db9:')}::1`)).status).toBe(202);
  });

  // A domain's and the overall counters through the real RateLimiter, fed in parallel; which counters a request
  // counts against is signInCounters (src/auth/sign-in-limits.test.ts), so each request need not be a new client.
  it('caps one domain at 200 links an hour, even in parallel (driven clock)', async () => {
    const now = Date.UTC(2031, 0, 1, 10, 30);
    const counter = [{ rule: MAGIC_LINK_PER_DOMAIN, subject: `${crypto.randomUUID()}.example.org` }];
    const refusals = await Promise.all(
      Array.from({ length: MAGIC_LINK_PER_DOMAIN.limit + 30 }, () => checkRateLimits(env.RATE_LIMITER, counter, now)),
    );
    expect(refusals.filter((r) => r === null)).toHaveLength(MAGIC_LINK_PER_DOMAIN.limit);
    expect(refusals.find((r) => r !== null)).toEqual({ rule: MAGIC_LINK_PER_DOMAIN.name, retryAfterSeconds: 1800 });
  });

  it('caps every sign-in together at 1000 an hour over its shards, even in parallel (driven clock)', async () => {
    const now = Date.UTC(2032, 0, 1, 10, 30);
    const refusals = await Promise.all(
      Array.from({ length: MAGIC_LINK_GLOBAL.limit + 40 }, (_, i) =>
        checkRateLimits(
          env.RATE_LIMITER,
          [signInCounters({ ip: '', email: 'a@b.c' }, i % GLOBAL_SHARDS)[3] as Counter],
          now,
        ),
      ),
    );
    expect(refusals.filter((r) => r === null)).toHaveLength(MAGIC_LINK_GLOBAL.limit);
    expect(refusals.find((r) => r !== null)).toEqual({ rule: MAGIC_LINK_GLOBAL.name, retryAfterSeconds: 1800 });
  });
});

describe('sign-in rate limits under parallel requests', () => {
  it('never lets parallel requests for one mailbox past its limit', async () => {
    const email = uniqueEmail('parallel');
    const answers = await statuses(Array.from({ length: 15 }, () => requestMagicLink(email, nextIp())));
    expect(count(answers, 202)).toBe(MAGIC_LINK_PER_EMAIL.limit);
    expect(count(answers, 429)).toBe(15 - MAGIC_LINK_PER_EMAIL.limit);
    expect(await tokenRows(email)).toBe(MAGIC_LINK_PER_EMAIL.limit);
  });

  it('never lets parallel requests from one client past its limit', async () => {
    const ip = nextIp();
    const answers = await statuses(Array.from({ length: 40 }, () => requestMagicLink(uniqueEmail(), ip)));
    expect(count(answers, 202)).toBe(MAGIC_LINK_PER_IP.limit);
  });

  it('counts atomically in one RateLimiter, and opens a new window on the hour (driven clock)', async () => {
    const limiter = env.RATE_LIMITER.getByName(`test:${crypto.randomUUID()}`);
    const rule = { name: 'test', limit: 7, windowMs: hour };
    const start = 500_000 * hour + 59 * 60_000;
    const decisions = await Promise.all(Array.from({ length: 50 }, () => limiter.hit(rule, start)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(7);
    expect(await limiter.hit(rule, start + 30_000)).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(await limiter.hit(rule, start + 60_000)).toEqual({ allowed: true });
  });
});
