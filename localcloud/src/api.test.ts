import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, type Harness, json, startHarness, waitFor } from '../test/helpers.ts';

interface Client {
  api(path: string, init?: RequestInit): Promise<Response>;
  post(path: string, body: unknown): Promise<Response>;
}

/** Requests to a harness's API, signed in as its OAuth app's user. */
async function clientOf(harness: Harness): Promise<Client> {
  const headers = { authorization: `Bearer ${await accessToken(harness.cloud)}`, 'content-type': 'application/json' };
  const api = (path: string, init: RequestInit = {}) => fetch(`${harness.cloud.url}${path}`, { ...init, headers });
  return { api, post: (path, body) => api(path, { method: 'POST', body: JSON.stringify(body) }) };
}

let h: Harness;
let client: Client;
beforeAll(async () => {
  h = await startHarness();
  client = await clientOf(h);
});
afterAll(() => h.stop());

const api = (path: string, init: RequestInit = {}) => client.api(path, init);
const post = (path: string, body: unknown) => client.post(path, body);
const userData = (token: string) =>
  `#cloud-config\nwrite_files:\n  - path: /etc/vibe/gateway.env\n    content: |\n      VIBE_CP_URL=http://127.0.0.1:1/cp\n      VIBE_BOOTSTRAP_TOKEN=${token}\n`;

async function dropletStatus(id: number, on: Client = client): Promise<string> {
  return (await json(await on.api(`/v2/droplets/${id}`))).droplet.status;
}

async function waitForAction(id: number) {
  return waitFor(`action ${id}`, async () => {
    const { action } = await json(await api(`/v2/actions/${id}`));
    return action.status === 'in-progress' ? undefined : action;
  });
}

describe('droplets', () => {
  it('creates a droplet that is new, then active with a public IPv4, with every rate-limit header', async () => {
    const res = await post('/v2/droplets', {
      name: 'vibe-1',
      region: 'ams3',
      size: 's-1vcpu-1gb',
      image: 'debian-12-x64',
      tags: ['vibecode'],
    });
    expect(res.status).toBe(202);
    for (const h of ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'])
      expect(res.headers.get(h)).toMatch(/^\d+$/);
    const { droplet, links } = await json(res);
    expect(droplet).toMatchObject({ name: 'vibe-1', status: 'new', size_slug: 's-1vcpu-1gb', tags: ['vibecode'] });
    expect(droplet.region.slug).toBe('ams3');
    expect(droplet.networks.v4).toEqual([]);
    expect(links.actions[0]).toMatchObject({ rel: 'create', href: `${h.cloud.url}/v2/actions/${links.actions[0].id}` });
    expect(await waitForAction(links.actions[0].id)).toMatchObject({
      status: 'completed',
      type: 'create',
      resource_id: droplet.id,
    });
    const active = (await json(await api(`/v2/droplets/${droplet.id}`))).droplet;
    expect(active.status).toBe('active');
    expect(active.networks.v4).toEqual([expect.objectContaining({ type: 'public', ip_address: '127.0.0.1' })]);
    expect((await api(`/v2/droplets/${droplet.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/v2/droplets/${droplet.id}`)).status).toBe(404);
  });

  it('answers 422 in DigitalOcean’s shape for an invalid size, region, name or oversized user_data', async () => {
    const base = { name: 'ok-name', region: 'ams3', size: 's-1vcpu-1gb', image: 'debian-12-x64' };
    for (const bad of [
      { size: 'huge' },
      { region: 'mars1' },
      { region: 'nyc2' },
      { name: 'bad name!' },
      { user_data: 'x'.repeat(64 * 1024 + 1) },
      { image: undefined },
    ]) {
      const res = await post('/v2/droplets', { ...base, ...bad });
      expect(res.status).toBe(422);
      const body = await json(res);
      expect(body.id).toBe('unprocessable_entity');
      expect(typeof body.message).toBe('string');
    }
  });

  it('lists with pagination links and filters by tag', async () => {
    const ids: number[] = [];
    for (const [name, tag] of [
      ['a', 'vibecode'],
      ['b', 'vibecode'],
      ['c', 'other'],
    ]) {
      ids.push(
        (await json(await post('/v2/droplets', { name, size: 's-1vcpu-1gb', image: 'debian-12-x64', tags: [tag] })))
          .droplet.id,
      );
    }
    const page1 = await json(await api('/v2/droplets?tag_name=vibecode&per_page=1'));
    expect(page1.meta.total).toBe(2);
    expect(page1.droplets).toHaveLength(1);
    const next = new URL(page1.links.pages.next);
    const page2 = await json(await api(`${next.pathname}${next.search}`));
    expect(page2.droplets[0].name).toBe('b');
    expect(page2.links.pages).toMatchObject({ first: expect.any(String), prev: expect.any(String) });
    expect(page2.links.pages.next).toBeUndefined();
    for (const id of ids) await api(`/v2/droplets/${id}`, { method: 'DELETE' });
  });
});

describe('power actions and booting', () => {
  it('refuses another action while one is pending, in DigitalOcean’s shape', async () => {
    // Actions that take ten minutes: the first is still pending however slowly the machine runs.
    const busy = await startHarness({ actionDelayMs: 600_000 });
    try {
      const on = await clientOf(busy);
      const created = await on.post('/v2/droplets', { name: 'busy', size: 's-1vcpu-1gb', image: 'debian-12-x64' });
      const { droplet } = await json(created);
      await waitFor('active', async () => ((await dropletStatus(droplet.id, on)) === 'active' ? true : undefined));
      expect((await on.post(`/v2/droplets/${droplet.id}/actions`, { type: 'power_off' })).status).toBe(201);
      const refused = await on.post(`/v2/droplets/${droplet.id}/actions`, { type: 'power_on' });
      expect(refused.status).toBe(422);
      expect(await json(refused)).toMatchObject({
        id: 'unprocessable_entity',
        message: 'Droplet already has a pending event.',
      });
    } finally {
      await busy.stop();
    }
  });

  it('boots the gateway with the user_data env in a sandbox, stops it on power_off and restarts it on power_on', async () => {
    const { droplet } = await json(
      await post('/v2/droplets', {
        name: 'boot',
        size: 's-1vcpu-1gb',
        image: 'debian-12-x64',
        user_data: userData('boot-tok'),
      }),
    );
    const machine = await waitFor('machine', async () => {
      const res = await fetch(`${h.cloud.url}/_localcloud/droplets/${droplet.id}/machine`);
      const m = res.status === 200 ? await json(res) : undefined;
      return m?.running ? m : undefined;
    });
    expect(machine.sandbox).toBe(join(h.dataDir, 'droplets', String(droplet.id)));
    expect(machine.tmux_socket).toMatch(new RegExp(`^vibe-lc-${droplet.id}-[0-9a-f]{8}$`));
    const record = join(machine.sandbox, 'state', 'stand-in.json');
    const { env } = JSON.parse(
      await waitFor('stand-in record', async () => (existsSync(record) ? readFileSync(record, 'utf8') : undefined)),
    );
    expect(env).toMatchObject({
      VIBE_CP_URL: 'http://127.0.0.1:1/cp',
      VIBE_BOOTSTRAP_TOKEN: 'boot-tok',
      VIBE_STATE_DIR: join(machine.sandbox, 'state'),
      VIBE_WORKSPACE_ROOT: join(machine.sandbox, 'home/vibe/workspace'),
      VIBE_TMUX_SOCKET: machine.tmux_socket,
      VIBE_AUTHORIZED_KEYS: join(machine.sandbox, 'home/vibe/.ssh/authorized_keys'),
      HOME: join(machine.sandbox, 'home/vibe'),
    });
    expect(existsSync(env.VIBE_AUTHORIZED_KEYS)).toBe(true);
    const tmuxAlive = () => spawnSync('tmux', ['-L', machine.tmux_socket, 'has-session']).status === 0;
    expect(tmuxAlive()).toBe(true);

    const off = await post(`/v2/droplets/${droplet.id}/actions`, { type: 'power_off' });
    expect(off.status).toBe(201);
    const offAction = (await json(off)).action;
    expect(offAction).toMatchObject({ status: 'in-progress', type: 'power_off', resource_type: 'droplet' });
    expect(await waitForAction(offAction.id)).toMatchObject({ status: 'completed', completed_at: expect.any(String) });
    expect(await dropletStatus(droplet.id)).toBe('off');
    const stopped = await json(await fetch(`${h.cloud.url}/_localcloud/droplets/${droplet.id}/machine`));
    expect(stopped.running).toBe(false);
    expect(() => process.kill(machine.pid, 0)).toThrow();
    expect(tmuxAlive()).toBe(false);
    expect((await post(`/v2/droplets/${droplet.id}/actions`, { type: 'power_off' })).status).toBe(422);

    const on = (await json(await post(`/v2/droplets/${droplet.id}/actions`, { type: 'power_on' }))).action;
    const byDroplet = await waitFor('power_on', async () => {
      const { action } = await json(await api(`/v2/droplets/${droplet.id}/actions/${on.id}`));
      return action.status === 'completed' ? action : undefined;
    });
    expect(byDroplet.type).toBe('power_on');
    expect(await dropletStatus(droplet.id)).toBe('active');
    const startsLog = join(machine.sandbox, 'state', 'starts.log');
    const starts = await waitFor('second start', async () => {
      const lines = readFileSync(startsLog, 'utf8').trim().split('\n');
      return lines.length >= 2 ? lines : undefined;
    });
    expect(starts).toHaveLength(2);

    const consolePage = await fetch(`${h.cloud.url}/droplets/${droplet.id}/terminal/ui/`);
    expect(consolePage.status).toBe(200);
    const html = await consolePage.text();
    expect(html).toContain('status <strong>active</strong>');
    expect(html).toContain(machine.tmux_socket);

    const restarted = await json(await fetch(`${h.cloud.url}/_localcloud/droplets/${droplet.id}/machine`));
    expect((await api(`/v2/droplets/${droplet.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(existsSync(machine.sandbox)).toBe(false);
    expect(() => process.kill(restarted.pid, 0)).toThrow();
    expect(existsSync(join('/tmp', `tmux-${process.getuid?.()}`, machine.tmux_socket))).toBe(false);
    expect((await fetch(`${h.cloud.url}/droplets/${droplet.id}/terminal/ui/`)).status).toBe(404);
    expect(tmuxAlive()).toBe(false);
  });

  it('refuses unknown action types and actions on unknown droplets', async () => {
    const { droplet } = await json(
      await post('/v2/droplets', { name: 'act', size: 's-1vcpu-1gb', image: 'debian-12-x64' }),
    );
    expect((await post(`/v2/droplets/${droplet.id}/actions`, { type: 'snapshot' })).status).toBe(422);
    expect((await post('/v2/droplets/1/actions', { type: 'power_off' })).status).toBe(404);
    expect((await api('/v2/actions/1')).status).toBe(404);
    await api(`/v2/droplets/${droplet.id}`, { method: 'DELETE' });
  });
});

describe('faults (test-only control path)', () => {
  const fault = (body: unknown) =>
    fetch(`${h.cloud.url}/_localcloud/faults`, { method: 'POST', body: JSON.stringify(body) });

  it('answers the next matching requests with 429 and rate-limit headers, then serves normally', async () => {
    expect((await fault({ path_prefix: '/v2/regions', status: 429, count: 2, retry_after: 7 })).status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const res = await api('/v2/regions');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.headers.get('ratelimit-remaining')).toBe('0');
      expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      expect(await json(res)).toEqual({ id: 'too_many_requests', message: 'API rate limit exceeded.' });
    }
    expect((await api('/v2/regions')).status).toBe(200);
  });

  it('injects 5xx for one method only and can be cleared', async () => {
    await fault({ path_prefix: '/v2/sizes', status: 503, count: 5, method: 'GET' });
    expect((await api('/v2/sizes')).status).toBe(503);
    await fetch(`${h.cloud.url}/_localcloud/faults`, { method: 'DELETE' });
    expect((await api('/v2/sizes')).status).toBe(200);
  });

  it('rejects malformed faults', async () => {
    for (const body of [
      { status: 500 },
      { path_prefix: 'v2', status: 500 },
      { path_prefix: '/v2', status: 200 },
      { path_prefix: '/v2', status: 500, count: 0 },
    ]) {
      expect((await fault(body)).status).toBe(400);
    }
  });
});

describe('boot holds (test-only control path)', () => {
  const hold = (body: unknown) =>
    fetch(`${h.cloud.url}/_localcloud/boot-holds`, { method: 'POST', body: JSON.stringify(body) });
  const machine = (id: number) => fetch(`${h.cloud.url}/_localcloud/droplets/${id}/machine`);
  const create = async (name: string) =>
    (
      await json(
        await post('/v2/droplets', { name, size: 's-1vcpu-1gb', image: 'debian-12-x64', user_data: userData(name) }),
      )
    ).droplet.id as number;

  it('the next droplet becomes active without its gateway, even after power on; the one after boots normally', async () => {
    expect(await json(await hold({ count: 1 }))).toEqual({ boot_holds: { count: 1 } });
    const held = await create('held');
    const normal = await create('normal');
    await waitFor('normal gateway', async () => (await machine(normal)).status === 200 || undefined);
    await waitFor('held droplet active', async () => (await dropletStatus(held)) === 'active' || undefined);
    expect((await machine(held)).status).toBe(404);
    const page = await (await fetch(`${h.cloud.url}/droplets/${held}/terminal/ui/`)).text();
    expect(page).toContain('status <strong>active</strong>');
    expect(page).toContain('The gateway was never started on this droplet');

    const off = (await json(await post(`/v2/droplets/${held}/actions`, { type: 'power_off' }))).action;
    await waitForAction(off.id);
    const on = (await json(await post(`/v2/droplets/${held}/actions`, { type: 'power_on' }))).action;
    await waitForAction(on.id);
    expect(await dropletStatus(held)).toBe('active');
    expect((await machine(held)).status).toBe(404);
    for (const id of [held, normal]) await api(`/v2/droplets/${id}`, { method: 'DELETE' });
  });

  it('holds can be cleared before they are used', async () => {
    await hold({ count: 2 });
    expect((await fetch(`${h.cloud.url}/_localcloud/boot-holds`, { method: 'DELETE' })).status).toBe(204);
    const id = await create('unheld');
    await waitFor('gateway', async () => (await machine(id)).status === 200 || undefined);
    await api(`/v2/droplets/${id}`, { method: 'DELETE' });
  });

  it('rejects a missing or out-of-range count', async () => {
    for (const body of [{}, { count: 0 }, { count: 1.5 }, { count: '1' }, { count: 11 }]) {
      const res = await hold(body);
      expect(res.status).toBe(400);
      expect(await json(res)).toEqual({ id: 'bad_request', message: 'count must be an integer from 1 to 10' });
    }
    expect((await fetch(`${h.cloud.url}/_localcloud/boot-holds`, { method: 'POST', body: '[1]' })).status).toBe(400);
  });
});
