import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID, CLIENT_SECRET, consent, type Harness, json, REDIRECT_URI, startHarness } from '../test/helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const token = (params: Record<string, string>) =>
  fetch(`${h.cloud.url}/v1/oauth/token`, { method: 'POST', body: new URLSearchParams(params) });

const exchange = (code: string, overrides: Record<string, string> = {}) =>
  token({
    grant_type: 'authorization_code',
    code,
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    redirect_uri: REDIRECT_URI,
    ...overrides,
  });

const account = (accessToken: string) =>
  fetch(`${h.cloud.url}/v2/account`, { headers: { authorization: `Bearer ${accessToken}` } });

describe('authorize', () => {
  it('redirects back with a code and the same state after consent', async () => {
    const back = await consent(h.cloud, 'st&ate=1');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get('state')).toBe('st&ate=1');
    expect(back.searchParams.get('code')).toMatch(/^[0-9a-f]{48}$/);
  });

  it('redirects with error=access_denied when the user denies', async () => {
    const back = await consent(h.cloud, 's2', 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('code')).toBeNull();
    expect(back.searchParams.get('state')).toBe('s2');
  });

  it('shows an error page, and never redirects, for an unknown client or an unregistered redirect_uri', async () => {
    for (const [clientId, redirectUri] of [
      ['other-client', REDIRECT_URI],
      [CLIENT_ID, 'https://evil.example/cb'],
    ]) {
      const q = new URLSearchParams({
        client_id: clientId as string,
        redirect_uri: redirectUri as string,
        response_type: 'code',
        state: 's',
      });
      const res = await fetch(`${h.cloud.url}/v1/oauth/authorize?${q}`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    }
  });
});

describe('token', () => {
  it('exchanges a code once for tokens shaped like DigitalOcean’s, then refuses it and revokes what it issued', async () => {
    const code = (await consent(h.cloud, 's')).searchParams.get('code') as string;
    const first = await exchange(code);
    expect(first.status).toBe(200);
    const body = await json(first);
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 2592000, scope: 'read write' });
    expect(body.access_token).toMatch(/^doo_v1_/);
    expect(body.refresh_token).toMatch(/^dor_v1_/);
    expect(Object.keys(body.info).sort()).toEqual(['email', 'name', 'uuid']);
    expect((await account(body.access_token)).status).toBe(200);

    const second = await exchange(code);
    expect(second.status).toBe(400);
    expect((await json(second)).error).toBe('invalid_grant');
    expect((await account(body.access_token)).status).toBe(401);
  });

  it('refuses a wrong client secret and a different redirect_uri', async () => {
    const code1 = (await consent(h.cloud, 's')).searchParams.get('code') as string;
    const bad = await exchange(code1, { client_secret: 'wrong' });
    expect(bad.status).toBe(401);
    expect((await json(bad)).error).toBe('invalid_client');
    const code2 = (await consent(h.cloud, 's')).searchParams.get('code') as string;
    expect((await exchange(code2, { redirect_uri: 'http://127.0.0.1:9/other' })).status).toBe(400);
  });

  it('rotates refresh tokens: each works once and yields a new working access token', async () => {
    const code = (await consent(h.cloud, 's')).searchParams.get('code') as string;
    const first = await json(await exchange(code));
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(refreshed.status).toBe(200);
    const next = await json(refreshed);
    expect(next.refresh_token).not.toBe(first.refresh_token);
    expect((await account(next.access_token)).status).toBe(200);
    expect((await account(first.access_token)).status).toBe(401);
    const reused = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(reused.status).toBe(401);
  });

  it('revoke ends the grant', async () => {
    const code = (await consent(h.cloud, 's')).searchParams.get('code') as string;
    const tokens = await json(await exchange(code));
    const res = await fetch(`${h.cloud.url}/v1/oauth/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.access_token}` },
      body: new URLSearchParams({ token: tokens.access_token }),
    });
    expect(res.status).toBe(200);
    expect((await account(tokens.access_token)).status).toBe(401);
    expect((await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status).toBe(401);
  });
});

describe('api auth', () => {
  it('answers 401 in DigitalOcean’s error shape without a valid bearer token', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: 'Basic x' }] as Record<
      string,
      string
    >[]) {
      const res = await fetch(`${h.cloud.url}/v2/droplets`, { headers });
      expect(res.status).toBe(401);
      expect(await json(res)).toEqual({ id: 'unauthorized', message: 'Unable to authenticate you' });
    }
  });

  it('expires access tokens after expires_in', async () => {
    const short = await startHarness({ tokenTtlSeconds: 0 });
    try {
      const code = (await consent(short.cloud, 's')).searchParams.get('code') as string;
      const res = await fetch(`${short.cloud.url}/v1/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uri: REDIRECT_URI,
        }),
      });
      const { access_token, expires_in } = await json(res);
      expect(expires_in).toBe(0);
      const api = await fetch(`${short.cloud.url}/v2/account`, {
        headers: { authorization: `Bearer ${access_token}` },
      });
      expect(api.status).toBe(401);
    } finally {
      await short.stop();
    }
  });
});

describe('configuration', () => {
  it('refuses to start without an OAuth client', async () => {
    await expect(startHarness({ clientSecret: '' })).rejects.toThrow(/clientId and clientSecret are required/);
  });

  it('accepts only the registered redirect URIs when a list is given', async () => {
    const strict = await startHarness({ redirectUris: ['http://127.0.0.1:9/registered'] });
    try {
      const q = new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, response_type: 'code' });
      expect((await fetch(`${strict.cloud.url}/v1/oauth/authorize?${q}`)).status).toBe(400);
      q.set('redirect_uri', 'http://127.0.0.1:9/registered');
      expect((await fetch(`${strict.cloud.url}/v1/oauth/authorize?${q}`)).status).toBe(200);
    } finally {
      await strict.stop();
    }
  });
});
