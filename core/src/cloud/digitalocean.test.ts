/** The DigitalOcean provider against localcloud (the repo's only DigitalOcean stand-in), time driven by the test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerConsent, type LocalCloud, silentLogger, startLocalCloud } from '@vibecode/localcloud';
import { createLogger } from '@vibecode/schemas/log';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomToken } from '../crypto/random-token.ts';
import { CloudError, type CloudErrorCode } from './cloud-error.ts';
import { type DigitalOceanDeps, DigitalOceanProvider } from './digitalocean.ts';
import { DIGITALOCEAN_SCOPES, parseDigitalOceanConfig } from './digitalocean-config.ts';
import type { TokenSet } from './provider.ts';
import { freshTokens } from './tokens.ts';

const CLIENT_ID = 'vibecode-test';
const CLIENT_SECRET = 'vibecode-test-secret';
const REDIRECT_URI = 'http://127.0.0.1:8787/api/cloud/callback';

let cloud: LocalCloud;
let dataDir: string;
let slept: number[];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vps-provider-'));
  cloud = await startLocalCloud({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    dataDir,
    bootDelayMs: 30,
    actionDelayMs: 30,
    testGatewayCommand: [process.execPath, '-e', 'setInterval(() => {}, 60000)'],
    log: silentLogger,
  });
});
afterAll(async () => {
  await cloud.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  slept = [];
  await fetch(`${cloud.url}/_localcloud/faults`, { method: 'DELETE' });
});

/** Records every wait the provider asks for, and waits only a few real ms so localcloud's timers still run. */
const sleep = async (ms: number) => {
  slept.push(ms);
  await new Promise((r) => setTimeout(r, Math.min(ms, 5)));
};

function provider(deps: Partial<DigitalOceanDeps> = {}, pageSize?: number, url = cloud.url) {
  const config = parseDigitalOceanConfig({
    apiBaseUrl: url,
    cloudBaseUrl: url,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: REDIRECT_URI,
    pageSize,
  });
  return new DigitalOceanProvider(config, { sleep, random: () => 0.5, ...deps });
}

/** A localcloud of its own with these delays, for `use`, closed after it. */
async function withLocalCloud(
  delays: { bootDelayMs: number; actionDelayMs: number },
  use: (url: string) => Promise<void>,
): Promise<void> {
  const ownDir = mkdtempSync(join(tmpdir(), 'vps-provider-own-'));
  const own = await startLocalCloud({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    dataDir: ownDir,
    ...delays,
    testGatewayCommand: [process.execPath, '-e', 'setInterval(() => {}, 60000)'],
    log: silentLogger,
  });
  try {
    await use(own.url);
  } finally {
    await own.close();
    rmSync(ownDir, { recursive: true, force: true });
  }
}

async function connect(p = provider()): Promise<TokenSet> {
  const state = randomToken();
  const back = await answerConsent(p.authorizeUrl(state));
  return p.completeAuthorization(back.searchParams, state);
}

async function rejection(promise: Promise<unknown>): Promise<CloudError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CloudError);
  return err as CloudError;
}

async function waitActive(p: DigitalOceanProvider, accessToken: string, id: string) {
  let server = await p.getServer(accessToken, id);
  for (let i = 0; server.status === 'new' && i < 200; i++) {
    await new Promise((r) => setTimeout(r, 10));
    server = await p.getServer(accessToken, id);
  }
  return server;
}

const injectFault = (fault: Record<string, unknown>) =>
  fetch(`${cloud.url}/_localcloud/faults`, { method: 'POST', body: JSON.stringify(fault) });

const requestsTo = (path: string) => cloud.requests().filter((r) => r.path === path).length;

describe('OAuth', () => {
  it('connects: authorize URL → consent → callback → tokens with the account and a real expiry', async () => {
    const before = Date.now();
    const tokens = await connect();
    expect(tokens.accessToken).toMatch(/^doo_v1_/);
    expect(tokens.refreshToken).toMatch(/^dor_v1_/);
    // localcloud grants what was asked: the custom scopes, not `read write`.
    expect(tokens.scope).toBe(DIGITALOCEAN_SCOPES.join(' '));
    expect(tokens.account.email).toBe('developer@localcloud.test');
    expect(tokens.expiresAt).toBeGreaterThanOrEqual(before + 2_592_000_000);
  });

  it('builds the authorize URL DigitalOcean expects', () => {
    const url = new URL(provider().authorizeUrl('s-123'));
    expect(`${url.origin}${url.pathname}`).toBe(`${cloud.url}/v1/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: DIGITALOCEAN_SCOPES.join(' '),
      state: 's-123',
    });
  });

  it('refuses a callback whose state does not match the session, before any token request', async () => {
    const p = provider();
    const state = randomToken();
    const back = await answerConsent(p.authorizeUrl(state));
    const tokenRequests = requestsTo('/v1/oauth/token');
    for (const expected of [randomToken(), '', `${state}x`, state.slice(0, -1)]) {
      const err = await rejection(p.completeAuthorization(back.searchParams, expected));
      expect(err.code).toBe<CloudErrorCode>('cloud.oauth_state_mismatch');
    }
    const forged = new URLSearchParams(back.searchParams);
    forged.delete('state');
    expect((await rejection(p.completeAuthorization(forged, state))).code).toBe('cloud.oauth_state_mismatch');
    expect(requestsTo('/v1/oauth/token')).toBe(tokenRequests);
    // The untouched callback still works with the right state: the refusals spent nothing.
    expect((await p.completeAuthorization(back.searchParams, state)).accessToken).toMatch(/^doo_v1_/);
  });

  it('reports a denied consent and a replayed code without leaking the code', async () => {
    const p = provider();
    const state = randomToken();
    const denied = await answerConsent(p.authorizeUrl(state), 'deny');
    expect((await rejection(p.completeAuthorization(denied.searchParams, state))).code).toBe('cloud.oauth_denied');

    const back = await answerConsent(p.authorizeUrl(state));
    await p.completeAuthorization(back.searchParams, state);
    const replay = await rejection(p.completeAuthorization(back.searchParams, state));
    expect(replay.code).toBe('cloud.oauth_failed');
    expect(replay.message).not.toContain(back.searchParams.get('code'));
  });

  it('refreshes only within the margin before expiry, and the new set replaces the old one', async () => {
    const p = provider();
    const tokens = await connect(p);
    const margin = 10 * 60_000;

    const early = await freshTokens(p, tokens, tokens.expiresAt - margin - 1, margin);
    expect(early).toEqual({ accessToken: tokens.accessToken, tokens, refreshed: false });

    const due = await freshTokens(p, tokens, tokens.expiresAt - margin + 1, margin);
    expect(due.refreshed).toBe(true);
    expect(due.accessToken).not.toBe(tokens.accessToken);
    expect(due.tokens.refreshToken).not.toBe(tokens.refreshToken);
    expect(await p.listRegions(due.accessToken)).not.toHaveLength(0);

    // Refresh tokens rotate: the old one is spent, and the old access token died with it.
    const stale = await rejection(p.refresh(tokens.refreshToken));
    expect(stale.code).toBe('cloud.unauthorized');
    expect(stale.message).not.toContain(tokens.refreshToken);
    expect((await rejection(p.listRegions(tokens.accessToken))).code).toBe('cloud.unauthorized');
  });

  it('revokes on disconnect', async () => {
    const p = provider();
    const tokens = await connect(p);
    await p.revoke(tokens.accessToken);
    const err = await rejection(p.listSizes(tokens.accessToken));
    expect(err.code).toBe('cloud.unauthorized');
    expect(err.message).not.toContain(tokens.accessToken);
    await p.revoke(tokens.accessToken);
  });
});

describe('catalogue', () => {
  it('follows links.pages.next through every page', async () => {
    const p = provider({}, 3);
    const { accessToken } = await connect(p);
    const before = requestsTo('/v2/regions');
    const regions = await p.listRegions(accessToken);
    expect(regions.length).toBeGreaterThan(3);
    expect(new Set(regions.map((r) => r.slug)).size).toBe(regions.length);
    expect(regions.find((r) => r.slug === 'ams3')).toMatchObject({ name: 'Amsterdam 3', available: true });
    expect(requestsTo('/v2/regions') - before).toBe(Math.ceil(regions.length / 3));
    const sizes = await p.listSizes(accessToken);
    expect(sizes.find((s) => s.slug === 's-1vcpu-1gb')).toMatchObject({ memoryMb: 1024, vcpus: 1, diskGb: 25 });
  });
});

describe('droplets', () => {
  it('creates in ams3 with tags and user_data, becomes active with an IPv4, powers off and on, destroys', async () => {
    const p = provider();
    const { accessToken } = await connect(p);
    const created = await p.createServer(accessToken, {
      name: 'vibe-test-1',
      size: 's-1vcpu-1gb',
      userData: '#cloud-config\n',
    });
    expect(created).toMatchObject({
      name: 'vibe-test-1',
      status: 'new',
      region: 'ams3',
      tags: ['vibecode'],
      ipv4: null,
    });
    const createBody = cloud.requests().findLast((r) => r.method === 'POST' && r.path === '/v2/droplets')?.body;
    expect(createBody).toEqual({
      name: 'vibe-test-1',
      region: 'ams3',
      size: 's-1vcpu-1gb',
      image: 'debian-12-x64',
      user_data: '#cloud-config\n',
      tags: ['vibecode'],
    });

    const server = await waitActive(p, accessToken, created.id);
    expect(server).toMatchObject({ status: 'active', ipv4: '127.0.0.1', size: 's-1vcpu-1gb' });

    slept = [];
    await p.powerOff(accessToken, created.id);
    expect(slept.length).toBeGreaterThan(0);
    expect(slept.every((ms) => ms === 2000)).toBe(true);
    expect((await p.getServer(accessToken, created.id)).status).toBe('off');
    await p.powerOn(accessToken, created.id);
    expect((await p.getServer(accessToken, created.id)).status).toBe('active');

    await p.destroyServer(accessToken, created.id);
    expect((await rejection(p.getServer(accessToken, created.id))).code).toBe('cloud.not_found');
    await p.destroyServer(accessToken, created.id);
    expect(p.consoleUrl(created.id)).toBe(`${cloud.url}/droplets/${created.id}/terminal/ui/`);
  });

  it('reports a refused power action and invalid requests', async () => {
    // A droplet that takes ten minutes to boot, so its create action is still pending however slowly the machine
    // runs: meanwhile DigitalOcean refuses other actions with 422.
    await withLocalCloud({ bootDelayMs: 600_000, actionDelayMs: 30 }, async (url) => {
      const p = provider({}, undefined, url);
      const { accessToken } = await connect(p);
      const { id } = await p.createServer(accessToken, { name: 'vibe-test-2', size: 's-1vcpu-1gb', userData: '' });
      expect((await rejection(p.powerOff(accessToken, id))).code).toBe('cloud.invalid_request');
    });
    const p = provider();
    const { accessToken } = await connect(p);
    expect(
      (await rejection(p.createServer(accessToken, { name: 'bad name', size: 's-1vcpu-1gb', userData: '' }))).code,
    ).toBe('cloud.invalid_request');
    expect((await rejection(p.getServer(accessToken, '../account'))).code).toBe('cloud.not_found');
  });

  it('gives up polling a power action at its bound', async () => {
    // A localcloud whose actions take ten minutes, so the bound is reached however slowly the machine runs.
    await withLocalCloud({ bootDelayMs: 30, actionDelayMs: 600_000 }, async (url) => {
      const p = provider({ actionPolling: { intervalMs: 1, maxPolls: 2 } }, undefined, url);
      const { accessToken } = await connect(p);
      const { id } = await p.createServer(accessToken, { name: 'vibe-test-3', size: 's-1vcpu-1gb', userData: '' });
      await waitActive(p, accessToken, id);
      slept = [];
      expect((await rejection(p.powerOff(accessToken, id))).code).toBe('cloud.action_timeout');
      expect(slept).toEqual([1, 1]);
    });
  });
});

describe('rate limits and outages', () => {
  it('waits as long as a 429 says (Retry-After) and then succeeds', async () => {
    const p = provider();
    const { accessToken } = await connect(p);
    await injectFault({ path_prefix: '/v2/sizes', status: 429, count: 2, retry_after: 3 });
    const before = requestsTo('/v2/sizes');
    expect(await p.listSizes(accessToken)).not.toHaveLength(0);
    expect(requestsTo('/v2/sizes') - before).toBe(3);
    // 3 s as told, plus jitter of random()·baseDelayMs = 0.5 · 500 ms.
    expect(slept).toEqual([3250, 3250]);
  });

  it('retries a POST after 429 too (it was not processed), but not after 5xx', async () => {
    const p = provider();
    const { accessToken } = await connect(p);
    await injectFault({ path_prefix: '/v2/droplets', method: 'POST', status: 429, retry_after: 1 });
    const server = await p.createServer(accessToken, { name: 'vibe-test-3', size: 's-1vcpu-1gb', userData: '' });
    expect(slept).toEqual([1250]);
    await injectFault({ path_prefix: '/v2/droplets', method: 'POST', status: 500 });
    const before = requestsTo('/v2/droplets');
    const err = await rejection(
      p.createServer(accessToken, { name: 'vibe-test-4', size: 's-1vcpu-1gb', userData: '' }),
    );
    expect(err.code).toBe('cloud.unavailable');
    expect(requestsTo('/v2/droplets') - before).toBe(1);
    await p.destroyServer(accessToken, server.id);
  });

  it('throws cloud.rate_limited with the wait when the reset is beyond the bound', async () => {
    const p = provider({ retry: { maxRateLimitWaitMs: 10_000 } });
    const { accessToken } = await connect(p);
    await injectFault({ path_prefix: '/v2/regions', status: 429, retry_after: 60 });
    const err = await rejection(p.listRegions(accessToken));
    expect(err.code).toBe('cloud.rate_limited');
    expect(err.details.retryAfterMs).toBe(60_000);
    expect(slept).toEqual([]);
  });

  it('backs off exponentially with jitter on 5xx for GET, and gives up after maxAttempts', async () => {
    const lines: string[] = [];
    const p = provider({ log: createLogger({}, (line) => lines.push(line)) });
    const { accessToken } = await connect(p);
    await injectFault({ path_prefix: '/v2/regions', status: 503, count: 2 });
    expect(await p.listRegions(accessToken)).not.toHaveLength(0);
    expect(slept).toEqual([250, 500]);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'cloud request retrying',
        method: 'GET',
        path: '/v2/regions',
        reason: 'status 503',
        attempt: 1,
        wait_ms: 250,
      }),
      expect.objectContaining({ attempt: 2, wait_ms: 500 }),
    ]);
    expect(lines.join('')).not.toContain(accessToken);

    slept = [];
    await injectFault({ path_prefix: '/v2/regions', status: 500, count: 10 });
    const before = requestsTo('/v2/regions');
    const err = await rejection(p.listRegions(accessToken));
    expect(err.code).toBe('cloud.unavailable');
    expect(err.details.status).toBe(500);
    expect(requestsTo('/v2/regions') - before).toBe(4);
    expect(slept).toEqual([250, 500, 1000]);
  });

  it('treats an unreachable API as cloud.unavailable after bounded retries', async () => {
    const p = new DigitalOceanProvider(
      parseDigitalOceanConfig({
        apiBaseUrl: 'http://127.0.0.1:1',
        cloudBaseUrl: 'http://127.0.0.1:1',
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUri: REDIRECT_URI,
      }),
      { sleep, random: () => 1 },
    );
    expect((await rejection(p.listSizes('doo_v1_x'))).code).toBe('cloud.unavailable');
    expect(slept).toEqual([500, 1000, 2000]);
  });
});

describe('configuration', () => {
  it('refuses to build without client credentials or a callback URL', () => {
    const base = { clientId: 'a', clientSecret: 'b', redirectUri: REDIRECT_URI };
    expect(() => parseDigitalOceanConfig({ ...base, clientSecret: '' })).toThrow(/clientSecret/);
    expect(() => parseDigitalOceanConfig({ ...base, clientId: undefined })).toThrow(/clientId/);
    expect(() => parseDigitalOceanConfig({ ...base, redirectUri: 'not a url' })).toThrow(/redirectUri/);
    expect(() => parseDigitalOceanConfig({ ...base, pageSize: 500 })).toThrow(/pageSize/);
    expect(parseDigitalOceanConfig(base)).toMatchObject({
      apiBaseUrl: 'https://api.digitalocean.com',
      cloudBaseUrl: 'https://cloud.digitalocean.com',
      // Least privilege, spelt out: never the all-account `read write` again.
      scope:
        'droplet:create droplet:read droplet:update droplet:delete actions:read regions:read sizes:read image:read tag:create',
      pageSize: 200,
    });
  });
});
