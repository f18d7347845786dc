/**
 * The dev outbox hands out every sign-in link, so it answers only in local mode and only to a request addressed to
 * loopback; everything else gets the plain 404 of an unknown path.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/app.ts';

const app = createApp();
const notFound = { error: { code: 'http.not_found', message: 'no route for GET /api/dev/outbox' } };
const production = {
  APP_ENV: 'production',
  EMAIL_MODE: 'http',
  EMAIL_API_URL: 'https://email-api.test',
  EMAIL_API_KEY: 're_test_key',
  EMAIL_FROM: 'VibeCode <login@vibecode.test>',
  PUBLIC_URL: 'https://vibecode.test',
};

async function outbox(url: string, vars: Record<string, string> = {}, headers?: HeadersInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(url, { headers }), { ...env, ...vars } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

afterEach(() => vi.restoreAllMocks());

describe('GET /api/dev/outbox', () => {
  it('answers in local mode on a loopback host', async () => {
    for (const origin of ['http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787']) {
      const res = await outbox(`${origin}/api/dev/outbox`);
      expect(res.status).toBe(200);
      expect(Array.isArray(await res.json())).toBe(true);
    }
  });

  it('is a 404 in local mode on a public host name, or when the Host header names one', async () => {
    for (const [url, headers] of [
      ['http://vibecode.example/api/dev/outbox', undefined],
      ['https://vibecode.example/api/dev/outbox', undefined],
      ['http://127.0.0.1:8787/api/dev/outbox', { host: 'vibecode.example' }],
    ] as const) {
      const res = await outbox(url, {}, headers);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual(notFound);
    }
  });

  it('is a 404 outside local mode, even on loopback', async () => {
    for (const appEnv of ['staging', 'production']) {
      const res = await outbox('http://127.0.0.1:8787/api/dev/outbox', { ...production, APP_ENV: appEnv });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual(notFound);
    }
  });
});
