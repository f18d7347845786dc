import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/app.ts';
import { createWebSession } from '../src/auth/web-session.ts';
import { openDb } from '../src/db/client.ts';
import { BROWSER_NONCE, issueTestLink, signIn, uniqueEmail } from './helpers/auth.ts';

const SITE = 'https://vibecode.test';
const staging = {
  APP_ENV: 'staging',
  EMAIL_MODE: 'http',
  EMAIL_API_URL: 'https://email-api.test',
  EMAIL_API_KEY: 're_test_key',
  EMAIL_FROM: 'VibeCode <login@vibecode.test>',
  PUBLIC_URL: SITE,
};
const app = createApp();

async function call(path: string, init?: RequestInit, site = SITE, vars = staging): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${site}${path}`, init), { ...env, ...vars } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

afterEach(() => vi.restoreAllMocks());

describe('outside local mode', () => {
  it('sets a __Host- Secure cookie and reads only that name', async () => {
    const token = await issueTestLink(uniqueEmail());
    const res = await call('/auth/verify', {
      method: 'POST',
      headers: {
        origin: SITE,
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `__Host-vibe_signin=${BROWSER_NONCE}`,
      },
      body: new URLSearchParams({ token }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(
      /^__Host-vibe_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=2592000; Secure$/,
    );
    const value = setCookie.split(';')[0]?.split('=')[1];
    expect((await call('/api/me', { headers: { cookie: `__Host-vibe_session=${value}` } })).status).toBe(200);
    expect((await call('/api/me', { headers: { cookie: `vibe_session=${value}` } })).status).toBe(401);
  });

  it('mails the link through the email API (Resend format) and has no outbox', async () => {
    const sent: Request[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      sent.push(input as Request);
      return Response.json({ id: 'email_1' });
    });
    const email = uniqueEmail();
    const res = await call('/api/auth/magic-link', {
      method: 'POST',
      headers: { origin: SITE, 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.9' },
      body: JSON.stringify({ email }),
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('set-cookie')).toMatch(
      /^__Host-vibe_signin=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=900; Secure$/,
    );
    expect(sent).toHaveLength(1);
    const request = sent[0] as Request;
    expect(request.url).toBe('https://email-api.test/emails');
    expect(request.headers.get('authorization')).toBe('Bearer re_test_key');
    const body = (await request.json()) as { to: string[]; text: string; from: string };
    expect(body.to).toEqual([email]);
    expect(body.from).toBe('VibeCode <login@vibecode.test>');
    expect(body.text).toMatch(/https:\/\/vibecode\.test\/auth\/verify\?token=[\w-]{43}/);
    expect((await call('/api/dev/outbox')).status).toBe(404);
  });

  it('still answers 202 when the email API fails, and logs the failure without the key', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('down', { status: 503 }));
    const res = await call('/api/auth/magic-link', {
      method: 'POST',
      headers: { origin: SITE, 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.10' },
      body: JSON.stringify({ email: uniqueEmail() }),
    });
    expect(res.status).toBe(202);
    const failure = lines.map((l) => JSON.parse(l)).find((e) => e.msg === 'sign-in email failed');
    expect(failure).toMatchObject({ level: 'error', error: 'email API answered 503' });
    expect(lines.join()).not.toContain('re_test_key');
  });

  it('builds the sign-in link on PUBLIC_URL, whatever Host the request names', async () => {
    const sent: Request[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      sent.push(input as Request);
      return Response.json({ id: 'email_2' });
    });
    const forged = 'https://attacker.example';
    const res = await call(
      '/api/auth/magic-link',
      {
        method: 'POST',
        headers: {
          host: 'attacker.example',
          origin: forged,
          'content-type': 'application/json',
          'cf-connecting-ip': '203.0.113.11',
        },
        body: JSON.stringify({ email: uniqueEmail() }),
      },
      forged,
    );
    expect(res.status).toBe(202);
    const body = (await (sent[0] as Request).json()) as { text: string };
    expect(body.text).toMatch(/^https:\/\/vibecode\.test\/auth\/verify\?token=[\w-]{43}$/m);
    expect(body.text).not.toContain('attacker.example');
  });

  it('refuses sign-in (500 config.invalid, logged by name) while PUBLIC_URL is unset', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const { PUBLIC_URL: _unset, ...withoutPublicUrl } = staging;
    const res = await call(
      '/api/auth/magic-link',
      {
        method: 'POST',
        headers: { origin: SITE, 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.12' },
        body: JSON.stringify({ email: uniqueEmail() }),
      },
      SITE,
      { ...withoutPublicUrl, PUBLIC_URL: '' },
    );
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'config.invalid', message: 'the server is not configured' } });
    expect(fetchSpy).not.toHaveBeenCalled();
    const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.level === 'error');
    expect(logged.problems).toEqual(['PUBLIC_URL is missing (required outside local mode)']);
  });

  it('builds the OAuth callback (and so VIBE_CP_URL) on PUBLIC_URL, whatever Host the request names', async () => {
    const { userId } = await signIn();
    const token = await createWebSession(openDb(env.DB), userId, Date.now());
    const cloud = {
      ...staging,
      DO_CLIENT_ID: 'client',
      DO_CLIENT_SECRET: 'secret',
      GATEWAY_ARTIFACT_URL: 'https://releases.vibecode.test/vibe-gateway.tar.gz',
      GATEWAY_SIGNING_PUBLIC_KEY:
        '-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\\n-----END PUBLIC KEY-----',
    };
    const headers = { host: 'attacker.example', cookie: `__Host-vibe_session=${token}` };
    const res = await call('/api/cloud/connect', { headers, redirect: 'manual' }, 'https://attacker.example', cloud);
    expect(res.status).toBe(302);
    const authorize = new URL(res.headers.get('location') ?? '');
    expect(authorize.origin).toBe('https://cloud.digitalocean.com');
    expect(authorize.searchParams.get('redirect_uri')).toBe('https://vibecode.test/api/cloud/callback');
  });
});
