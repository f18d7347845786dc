/**
 * Saying no at DigitalOcean (the callback's `error=access_denied`), or DigitalOcean failing to ask (any other OAuth
 * error), lands on the dashboard with a word for it, not on a JSON page; nothing is connected and the state is spent.
 * No cloud is reached: the refusal is decided before any token exchange.
 */
import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signIn } from '../helpers/auth.ts';
import { callApp, offlineCloudVars } from '../helpers/cloud-app.ts';

const call = (path: string, cookie: string) => callApp(offlineCloudVars, path, cookie);

async function issuedState(cookie: string): Promise<string> {
  const connect = await call('/api/cloud/connect', cookie);
  return new URL(connect.headers.get('location') ?? '').searchParams.get('state') ?? '';
}

const connections = async (userId: string) =>
  (
    await env.DB.prepare('SELECT count(*) AS n FROM cloud_connections WHERE user_id = ?')
      .bind(userId)
      .first<{ n: number }>()
  )?.n;

afterEach(() => vi.restoreAllMocks());

describe('the DigitalOcean callback when access is not granted', () => {
  it('sends a denial back to the dashboard, which says so, and spends the state', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
    const { cookie, userId } = await signIn();
    const state = await issuedState(cookie);
    const res = await call(`/api/cloud/callback?error=access_denied&state=${state}`, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dashboard?cloud=denied');
    expect(await connections(userId)).toBe(0);
    // The state is used up: the code that a later callback might carry for it is refused.
    const late = await call(`/api/cloud/callback?code=c&state=${state}`, cookie);
    expect(late.status).toBe(400);
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'cloud not connected');
    expect(logged).toMatchObject({ oauth_error: 'access_denied', user_id: userId });
  });

  it('sends any other OAuth error to the dashboard as a failure, with only a known-shaped code in the log', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
    const { cookie } = await signIn();
    const state = await issuedState(cookie);
    for (const error of ['server_error', 'temporarily_unavailable', '<script>alert(1)</script>', '']) {
      const res = await call(`/api/cloud/callback?error=${encodeURIComponent(error)}&state=${state}`, cookie);
      expect({ error, status: res.status, location: res.headers.get('location') }).toEqual({
        error,
        status: 303,
        location: '/dashboard?cloud=failed',
      });
    }
    const fields = lines
      .map((l) => JSON.parse(l))
      .filter((l) => l.msg === 'cloud not connected')
      .map((l) => l.oauth_error);
    expect(fields).toEqual(['server_error', 'temporarily_unavailable', 'other', 'other']);
  });

  it('answers a refusal without a state, or with a foreign one, the same way: it grants nothing', async () => {
    const { cookie } = await signIn();
    for (const query of ['error=access_denied', 'error=access_denied&state=not-the-state']) {
      const res = await call(`/api/cloud/callback?${query}`, cookie);
      expect(res.headers.get('location')).toBe('/dashboard?cloud=denied');
    }
  });

  it('still needs a signed-in user', async () => {
    const res = await call('/api/cloud/callback?error=access_denied', '');
    expect(res.status).toBe(401);
  });
});
