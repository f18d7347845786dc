/** localcloud refuses a call the token's grant does not cover, with DigitalOcean's 403 body; a full grant covers all. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, type Harness, json, startHarness } from '../test/helpers.ts';
import { scopeCovers } from './oauth-scopes.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const FORBIDDEN = { id: 'forbidden', message: 'You do not have access for the attempted action.' };
const call = (token: string, method: string, path: string, body?: unknown) =>
  fetch(`${h.cloud.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const droplet = (tags: string[]) => ({
  name: 'vibe-scoped',
  region: 'ams3',
  size: 's-1vcpu-1gb',
  image: 'debian-12-x64',
  tags,
});

describe('grant scopes', () => {
  it('read covers every :read, write every other verb, a custom scope exactly itself', () => {
    expect(scopeCovers('read', 'droplet:read')).toBe(true);
    expect(scopeCovers('read', 'droplet:create')).toBe(false);
    expect(scopeCovers('read write', 'droplet:delete')).toBe(true);
    expect(scopeCovers('droplet:read sizes:read', 'sizes:read')).toBe(true);
    expect(scopeCovers('droplet:read sizes:read', 'regions:read')).toBe(false);
    expect(scopeCovers('droplet:create', 'droplet:delete')).toBe(false);
    expect(scopeCovers('', 'droplet:read')).toBe(false);
  });

  it('refuses calls outside a narrowed grant with 403 forbidden and the quota headers, and serves the rest', async () => {
    const token = await accessToken(h.cloud, 'droplet:read regions:read');
    expect((await call(token, 'GET', '/v2/regions')).status).toBe(200);
    expect((await call(token, 'GET', '/v2/droplets')).status).toBe(200);
    for (const [method, path, body] of [
      ['GET', '/v2/sizes'],
      ['GET', '/v2/account'],
      ['GET', '/v2/actions'],
      ['POST', '/v2/droplets', droplet([])],
      ['DELETE', '/v2/droplets/1'],
      ['POST', '/v2/droplets/1/actions', { type: 'power_off' }],
    ] as const) {
      const res = await call(token, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(await json(res)).toEqual(FORBIDDEN);
      expect(res.headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
    }
  });

  it('tagging a droplet as it is created needs tag:create too', async () => {
    const token = await accessToken(h.cloud, 'droplet:create droplet:read droplet:delete');
    const tagged = await call(token, 'POST', '/v2/droplets', droplet(['vibecode']));
    expect(tagged.status).toBe(403);
    expect(await json(tagged)).toEqual(FORBIDDEN);
    const untagged = await call(token, 'POST', '/v2/droplets', droplet([]));
    expect(untagged.status).toBe(202);
    const { droplet: created } = await json(untagged);
    expect((await call(token, 'DELETE', `/v2/droplets/${created.id}`)).status).toBe(204);
  });

  it('a full `read write` grant covers every call', async () => {
    const token = await accessToken(h.cloud);
    for (const path of ['/v2/account', '/v2/regions', '/v2/sizes', '/v2/droplets', '/v2/actions']) {
      expect((await call(token, 'GET', path)).status, path).toBe(200);
    }
    const created = await call(token, 'POST', '/v2/droplets', droplet(['vibecode']));
    expect(created.status).toBe(202);
    const { droplet: made } = await json(created);
    expect((await call(token, 'DELETE', `/v2/droplets/${made.id}`)).status).toBe(204);
  });
});
