import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { handle } from './hooks.server.ts';

const policy = "default-src 'self'; script-src 'self' 'nonce-n1'; frame-ancestors 'none'";

async function policyOf(path: string, env: App.Platform['env'] | undefined, headers: HeadersInit = {}) {
  const event = {
    url: new URL(`https://vibecode.example${path}`),
    platform: env === undefined ? undefined : { env },
  } as unknown as RequestEvent;
  const response = await handle({
    event,
    resolve: async () => new Response('<html></html>', { headers: { 'content-security-policy': policy, ...headers } }),
  });
  return response.headers.get('content-security-policy');
}

describe('handle', () => {
  it("rewrites the Mini App page's policy for Telegram", async () => {
    expect(await policyOf('/miniapp', {})).toBe(
      "default-src 'self'; script-src 'self' 'nonce-n1' https://telegram.org; frame-ancestors https://web.telegram.org",
    );
  });

  it('uses the configured script and the local ancestors on a local Worker', async () => {
    const env = { APP_ENV: 'local', TELEGRAM_WEBAPP_SCRIPT_URL: 'http://127.0.0.1:9000/js/telegram-web-app.js' };
    expect(await policyOf('/miniapp', env)).toBe(
      "default-src 'self'; script-src 'self' 'nonce-n1' http://127.0.0.1:9000; " +
        'frame-ancestors https://web.telegram.org http://127.0.0.1:* http://localhost:*',
    );
  });

  it('adds no script origin when the script URL is misconfigured', async () => {
    const env = { APP_ENV: 'production', TELEGRAM_WEBAPP_SCRIPT_URL: 'http://127.0.0.1:9000/x.js' };
    expect(await policyOf('/miniapp', env)).toBe(
      "default-src 'self'; script-src 'self' 'nonce-n1'; frame-ancestors https://web.telegram.org",
    );
  });

  it('leaves every other page as strict as it was', async () => {
    for (const path of ['/', '/dashboard', '/miniapp/x', '/miniappx', '/signin']) {
      expect(await policyOf(path, {})).toBe(policy);
    }
  });

  it('works without a platform (vite dev)', async () => {
    expect(await policyOf('/miniapp', undefined)).toContain('frame-ancestors https://web.telegram.org');
  });
});
