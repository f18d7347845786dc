import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/app.ts';
import { ORIGIN } from './helpers/auth.ts';

const app = createApp();

async function call(overrides: Record<string, unknown>, path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${ORIGIN}${path}`, init), { ...env, ...overrides } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

afterEach(() => vi.restoreAllMocks());

describe('configuration', () => {
  it('refuses every request with a typed 500 and logs the problem when a secret is missing', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
    for (const [path, init] of [
      ['/api/me', undefined],
      ['/api/vps', undefined],
      ['/auth/verify?token=x', undefined],
      ['/api/dev/outbox', undefined],
      ['/api/gateways/register', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
    ] as const) {
      const res = await call({ TOKEN_ENCRYPTION_KEY: undefined }, path, init);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: { code: 'config.invalid', message: 'the server is not configured' } });
    }
    const errors = lines.map((line) => JSON.parse(line)).filter((entry) => entry.level === 'error');
    expect(errors[0]).toMatchObject({
      msg: 'configuration invalid: refusing requests',
      problems: ['TOKEN_ENCRYPTION_KEY is missing'],
    });
  });

  it('refuses the outbox sender outside local mode', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const res = await call({ APP_ENV: 'production' }, '/api/me');
    expect(res.status).toBe(500);
  });

  it('has no /api/dev/outbox with the http email sender', async () => {
    const httpMode = {
      EMAIL_MODE: 'http',
      EMAIL_API_URL: 'http://127.0.0.1:9/',
      EMAIL_API_KEY: 're_test',
      EMAIL_FROM: 'VibeCode <login@vibecode.test>',
    };
    const res = await call(httpMode, '/api/dev/outbox');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'http.not_found', message: 'no route for GET /api/dev/outbox' },
    });
    expect((await call({}, '/api/dev/outbox')).status).toBe(200);
  });
});
