import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/app.ts';
import { issueMagicLink } from '../src/auth/magic-link.ts';
import { openDb } from '../src/db/client.ts';
import { uniqueEmail } from './helpers/auth.ts';

const SITE = 'https://vibecode.test';
const staging = {
  APP_ENV: 'staging',
  EMAIL_MODE: 'http',
  EMAIL_API_URL: 'https://email-api.test',
  EMAIL_API_KEY: 're_test_key',
  EMAIL_FROM: 'VibeCode <login@vibecode.test>',
};
const app = createApp();

async function call(path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${SITE}${path}`, init), { ...env, ...staging } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

afterEach(() => vi.restoreAllMocks());

describe('outside local mode', () => {
  it('sets a __Host- Secure cookie and reads only that name', async () => {
    const token = await issueMagicLink(openDb(env.DB), uniqueEmail(), Date.now());
    const res = await call('/auth/verify', {
      method: 'POST',
      headers: { origin: SITE, 'content-type': 'application/x-www-form-urlencoded' },
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
});
