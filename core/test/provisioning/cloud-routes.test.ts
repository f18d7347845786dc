/**
 * The cloud and VPS lifecycle routes inside workerd, for everything decided before the cloud is called: config
 * refusal, OAuth state binding, input validation, ownership, state rules and the destroy confirmation. The
 * calls into the cloud itself run against localcloud, the repo's only DigitalOcean stand-in: cloud-flow.test.ts
 * here, and the whole system in test/system.
 */
import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../../src/crypto/hash.ts';
import { ORIGIN, signIn } from '../helpers/auth.ts';
import type { BrowserInit } from '../helpers/browser-request.ts';
import { callApp, offlineCloudVars } from '../helpers/cloud-app.ts';
import { insertVps } from '../helpers/fixtures.ts';
import { errorOf } from '../hub/subscriber.ts';

/** Every cloud setting unset, whatever a developer's .dev.vars (which the test pool reads) holds. */
const noCloud = Object.fromEntries(Object.keys(offlineCloudVars).map((name) => [name, undefined]));

const call = (path: string, cookie: string, init: BrowserInit = {}, vars: Record<string, unknown> = offlineCloudVars) =>
  callApp(vars, path, cookie, init);

const vpsStatus = async (id: string) =>
  (await env.DB.prepare('SELECT status FROM vps WHERE id = ?').bind(id).first<{ status: string }>())?.status;

afterEach(() => vi.restoreAllMocks());

describe('cloud routes without cloud settings', () => {
  it('refuse with 503 cloud.not_configured and log the missing settings by name', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
    const { cookie } = await signIn();
    for (const [path, init] of [
      ['/api/cloud/connect', {}],
      ['/api/cloud/regions', {}],
      ['/api/cloud/sizes', {}],
      ['/api/vps', { method: 'POST', json: { size: 's-1vcpu-1gb' } }],
    ] as const) {
      const res = await call(path, cookie, init, noCloud);
      expect(await errorOf(res)).toEqual({ status: 503, code: 'cloud.not_configured' });
    }
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'cloud not configured: refusing cloud routes');
    expect(logged.problems).toContain('DO_CLIENT_ID is missing');
  });
});

describe('GET /api/cloud/connect and the callback', () => {
  it('redirects to the provider with a state stored only as a hash, bound to this web session', async () => {
    const { cookie, userId } = await signIn();
    const res = await call('/api/cloud/connect', cookie);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe('http://127.0.0.1:9/v1/oauth/authorize');
    expect(location.searchParams.get('client_id')).toBe('test-client');
    expect(location.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/api/cloud/callback`);
    const state = location.searchParams.get('state') ?? '';
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await env.DB.prepare('SELECT state_hash, user_id FROM oauth_states WHERE state_hash = ?')
      .bind(await sha256Hex(state))
      .first<{ state_hash: string; user_id: string }>();
    expect(row?.user_id).toBe(userId);
    const clear = await env.DB.prepare('SELECT count(*) AS n FROM oauth_states WHERE state_hash = ?')
      .bind(state)
      .first<{ n: number }>();
    expect(clear?.n).toBe(0);
  });

  it('refuses a callback whose state is unknown, from another session, or used before', async () => {
    const alice = await signIn();
    const aliceAgain = await signIn(alice.email);
    const state = (url: string) => new URL(url).searchParams.get('state') ?? '';
    const connect = await call('/api/cloud/connect', alice.cookie);
    const issued = state(connect.headers.get('location') ?? '');

    const unknown = await call('/api/cloud/callback?code=c&state=not-the-state', alice.cookie);
    expect(await errorOf(unknown)).toEqual({ status: 400, code: 'cloud.oauth_state_mismatch' });
    // The same user in another browser session cannot finish this session's flow, and that attempt uses it up.
    const otherSession = await call(`/api/cloud/callback?code=c&state=${issued}`, aliceAgain.cookie);
    expect(await errorOf(otherSession)).toEqual({ status: 400, code: 'cloud.oauth_state_mismatch' });
    const replay = await call(`/api/cloud/callback?code=c&state=${issued}`, alice.cookie);
    expect(await errorOf(replay)).toEqual({ status: 400, code: 'cloud.oauth_state_mismatch' });
    expect(
      await env.DB.prepare('SELECT count(*) AS n FROM cloud_connections WHERE user_id = ?')
        .bind(alice.userId)
        .first<{ n: number }>(),
    ).toEqual({ n: 0 });
  });

  it('needs a signed-in user', async () => {
    expect(await errorOf(await call('/api/cloud/connect', ''))).toEqual({ status: 401, code: 'auth.required' });
    expect(await errorOf(await call('/api/cloud/callback?state=x', ''))).toEqual({
      status: 401,
      code: 'auth.required',
    });
  });
});

describe('routes that need a connected cloud', () => {
  it('answer 409 cloud.not_connected before any connection exists', async () => {
    const { cookie } = await signIn();
    for (const path of ['/api/cloud/regions', '/api/cloud/sizes']) {
      expect(await errorOf(await call(path, cookie))).toEqual({ status: 409, code: 'cloud.not_connected' });
    }
    const create = await call('/api/vps', cookie, { method: 'POST', json: { size: 's-1vcpu-1gb' } });
    expect(await errorOf(create)).toEqual({ status: 409, code: 'cloud.not_connected' });
    const disconnect = await call('/api/cloud', cookie, { method: 'DELETE' });
    expect(await errorOf(disconnect)).toEqual({ status: 404, code: 'cloud.not_connected' });
  });
});

describe('POST /api/vps input', () => {
  it('refuses bad input with typed 4xx and creates nothing', async () => {
    const { cookie, userId } = await signIn();
    const cases: Array<[unknown, string]> = [
      [{}, 'http.invalid_body'],
      [{ size: '../../x' }, 'http.invalid_body'],
      [{ size: 's-1vcpu-1gb', region: 'AMS 3' }, 'http.invalid_body'],
      [{ size: 's-1vcpu-1gb', name: 'Not A Hostname' }, 'vps.invalid_name'],
    ];
    for (const [json, code] of cases) {
      expect(await errorOf(await call('/api/vps', cookie, { method: 'POST', json }))).toEqual({ status: 400, code });
    }
    const cross = await call('/api/vps', cookie, {
      method: 'POST',
      json: { size: 's-1vcpu-1gb' },
      headers: { origin: 'https://evil.example' },
    });
    expect(await errorOf(cross)).toEqual({ status: 403, code: 'http.cross_origin' });
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM vps WHERE user_id = ?')
      .bind(userId)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });
});

describe('power, retry and destroy rules', () => {
  it('refuse power and retry from the wrong status with 409, changing nothing', async () => {
    const { cookie, userId } = await signIn();
    const { vpsId } = await insertVps(userId);
    const power = await call(`/api/vps/${vpsId}/power`, cookie, { method: 'POST', json: { action: 'off' } });
    expect(await errorOf(power)).toEqual({ status: 409, code: 'vps.invalid_state' });
    const bad = await call(`/api/vps/${vpsId}/power`, cookie, { method: 'POST', json: { action: 'reboot' } });
    expect(await errorOf(bad)).toEqual({ status: 400, code: 'http.invalid_body' });
    const retry = await call(`/api/vps/${vpsId}/retry`, cookie, { method: 'POST' });
    expect(await errorOf(retry)).toEqual({ status: 409, code: 'vps.invalid_state' });
    expect(await vpsStatus(vpsId)).toBe('provisioning');
  });

  it('destroys only with the exact droplet name as confirmation', async () => {
    const { cookie, userId } = await signIn();
    const { vpsId } = await insertVps(userId, 'keep-me');
    for (const confirm of [undefined, 'keep-m', 'KEEP-ME', vpsId]) {
      const res = await call(`/api/vps/${vpsId}`, cookie, { method: 'DELETE', json: { confirm } });
      expect(await errorOf(res)).toEqual({ status: 400, code: 'vps.confirm_mismatch' });
    }
    expect(await vpsStatus(vpsId)).toBe('provisioning');
  });

  it("answers 404 for another user's VPS on every lifecycle route", async () => {
    const alice = await signIn();
    const bob = await signIn();
    const { vpsId } = await insertVps(alice.userId, 'alices');
    const attempts = [
      call(`/api/vps/${vpsId}/power`, bob.cookie, { method: 'POST', json: { action: 'off' } }),
      call(`/api/vps/${vpsId}/retry`, bob.cookie, { method: 'POST' }),
      call(`/api/vps/${vpsId}`, bob.cookie, { method: 'DELETE', json: { confirm: 'alices' } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(await errorOf(res)).toEqual({ status: 404, code: 'vps.not_found' });
    }
    expect(await vpsStatus(vpsId)).toBe('provisioning');
  });
});
