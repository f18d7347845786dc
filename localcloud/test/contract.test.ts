/**
 * localcloud's replies against DigitalOcean's OpenAPI reference (`../shared/reference/digitalocean-openapi`):
 * every operation it serves, on success and on the documented errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DigitalOceanContract, loadDigitalOceanContract, OPERATIONS } from '../src/contract.ts';
import { accessToken, type Harness, startHarness, waitFor } from './helpers.ts';

let h: Harness;
let token: string;
let contract: DigitalOceanContract;
const seen = new Set<string>();

beforeAll(async () => {
  contract = loadDigitalOceanContract();
  h = await startHarness();
  token = await accessToken(h.cloud);
});
afterAll(() => h.stop());

/** Calls localcloud and asserts the reply conforms to the operation; returns the parsed body. */
async function call(method: string, path: string, body?: unknown, bearer = token) {
  const res = await fetch(`${h.cloud.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text === '' ? null : JSON.parse(text);
  const headers = Object.fromEntries(res.headers);
  const pathname = path.split('?')[0] as string;
  expect(contract.checkResponse(method, pathname, res.status, headers, parsed)).toEqual([]);
  seen.add(`${contract.operationFor(method, pathname)} ${res.status}`);
  return { status: res.status, body: parsed };
}

describe('the reference itself', () => {
  it('lacks only resources outside the subset (images, code samples)', () => {
    expect(contract.missingRefs.length).toBeGreaterThan(0);
    for (const file of contract.missingRefs)
      expect(file).toMatch(/^resources\/(images\/|droplets\/examples\/|.*\/examples\/)/);
  });

  it('flags a reply that does not match (the checker is not vacuous)', () => {
    expect(contract.checkResponse('GET', '/v2/droplets/1', 200, {}, { droplet: { id: 'x' } })).not.toEqual([]);
    expect(contract.checkResponse('GET', '/v2/droplets/1', 418, {}, null)).toEqual(
      expect.arrayContaining([expect.stringContaining('header ratelimit-limit missing')]),
    );
    expect(contract.checkRequest('POST', '/v2/droplets', {}, { name: 'n' })).not.toEqual([]);
    expect(contract.checkRequest('POST', '/v2/droplets/0/actions', {}, { type: 'power_off' })).not.toEqual([]);
    expect(contract.operationFor('PUT', '/v2/droplets')).toBeUndefined();
  });
});

describe('localcloud replies match DigitalOcean’s operations', () => {
  it('serves account, regions, sizes with pagination', async () => {
    await call('GET', '/v2/account');
    const regions = await call('GET', '/v2/regions?per_page=5');
    expect(regions.body.links.pages.next).toBeDefined();
    await call('GET', '/v2/regions?per_page=5&page=3');
    await call('GET', '/v2/sizes');
  });

  it('serves the droplet lifecycle and its actions', async () => {
    const created = await call('POST', '/v2/droplets', {
      name: 'contract-1',
      region: 'ams3',
      size: 's-1vcpu-1gb',
      image: 'debian-12-x64',
      tags: ['vibecode'],
      user_data: '#cloud-config\n',
    });
    expect(created.status).toBe(202);
    const id = created.body.droplet.id;
    const createAction = created.body.links.actions[0].id;
    await call('GET', `/v2/droplets/${id}`);
    await call('GET', '/v2/droplets?tag_name=vibecode');
    await call('GET', `/v2/actions/${createAction}`);
    await waitFor('active', async () =>
      (await call('GET', `/v2/droplets/${id}`)).body.droplet.status === 'active' ? true : undefined,
    );
    const off = await call('POST', `/v2/droplets/${id}/actions`, { type: 'power_off' });
    expect(off.status).toBe(201);
    await call('GET', `/v2/droplets/${id}/actions/${off.body.action.id}`);
    await waitFor('off', async () =>
      (await call('GET', `/v2/actions/${off.body.action.id}`)).body.action.status === 'completed' ? true : undefined,
    );
    await call('GET', `/v2/droplets/${id}/actions`);
    await call('GET', '/v2/actions');
    expect((await call('DELETE', `/v2/droplets/${id}`)).status).toBe(204);
  });

  it('answers errors with documented statuses and bodies', async () => {
    expect((await call('GET', '/v2/droplets/123', undefined)).status).toBe(404);
    expect((await call('GET', '/v2/droplets', undefined, 'not-a-token')).status).toBe(401);
    expect((await call('POST', '/v2/droplets', { name: 'x', size: 'nope', image: 'debian-12-x64' })).status).toBe(422);
    await fetch(`${h.cloud.url}/_localcloud/faults`, {
      method: 'POST',
      body: JSON.stringify({ path_prefix: '/v2/sizes', status: 429 }),
    });
    expect((await call('GET', '/v2/sizes')).status).toBe(429);
    await fetch(`${h.cloud.url}/_localcloud/faults`, {
      method: 'POST',
      body: JSON.stringify({ path_prefix: '/v2/regions', status: 500 }),
    });
    expect((await call('GET', '/v2/regions')).status).toBe(500);
  });

  it('covered every operation localcloud serves', () => {
    const covered = new Set([...seen].map((s) => s.split(' ')[0]));
    expect([...covered].sort()).toEqual(Object.keys(OPERATIONS).sort());
  });
});
