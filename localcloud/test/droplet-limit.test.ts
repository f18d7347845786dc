/**
 * The account's droplet limit: DigitalOcean's 10 unless the harness that starts localcloud sets another (core's test
 * run shares one localcloud across its files); a create past it answers DigitalOcean's 422, and the account reports it.
 */
import { afterEach, expect, it } from 'vitest';
import { silentLogger, startLocalCloud } from '../src/index.ts';
import { accessToken, CLIENT_ID, CLIENT_SECRET, type Harness, startHarness } from './helpers.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function api(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${h?.cloud.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const droplet = (name: string) => ({
  name,
  region: 'ams3',
  size: 's-1vcpu-1gb',
  image: 'debian-12-x64',
  user_data: '',
});

it('keeps DigitalOcean’s limit of 10 unless told another, and refuses the droplet past it', async () => {
  h = await startHarness();
  const token = await accessToken(h.cloud);
  expect((await api(token, 'GET', '/v2/account')).body.account).toMatchObject({ droplet_limit: 10 });
  await h.stop();

  h = await startHarness({ dropletLimit: 2 });
  const limited = await accessToken(h.cloud);
  expect((await api(limited, 'GET', '/v2/account')).body.account).toMatchObject({ droplet_limit: 2 });
  expect((await api(limited, 'POST', '/v2/droplets', droplet('one'))).status).toBe(202);
  expect((await api(limited, 'POST', '/v2/droplets', droplet('two'))).status).toBe(202);
  const third = await api(limited, 'POST', '/v2/droplets', droplet('three'));
  expect(third).toEqual({
    status: 422,
    body: expect.objectContaining({
      id: 'unprocessable_entity',
      message: 'creating this/these droplet(s) will exceed your droplet limit (2)',
    }),
  });
});

it('refuses a limit that is not a positive whole number', async () => {
  for (const dropletLimit of [0, -1, 2.5]) {
    await expect(
      startLocalCloud({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        dataDir: '/nonexistent',
        dropletLimit,
        log: silentLogger,
      }),
    ).rejects.toThrow('localcloud: dropletLimit must be a positive integer');
  }
});
