import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ORIGIN, signIn } from './helpers/auth.ts';
import { createVpsWithGateway, insertVps } from './helpers/fixtures.ts';

const get = (path: string, cookie?: string) =>
  exports.default.fetch(`${ORIGIN}${path}`, { headers: cookie ? { cookie } : {} });

describe('GET /api/vps and /api/vps/:id', () => {
  it('lists only the user’s own VPS with status and gateway state', async () => {
    const alice = await signIn();
    const bob = await signIn();
    const { vpsId, gatewayId } = await createVpsWithGateway(alice.userId);
    const bare = await insertVps(alice.userId, 'second');
    await env.DB.prepare('DELETE FROM gateways WHERE id = ?').bind(bare.gatewayId).run();
    await createVpsWithGateway(bob.userId);
    await env.DB.prepare('UPDATE gateways SET connected = 1, last_seen_at = ?, version = ? WHERE id = ?')
      .bind(Date.UTC(2026, 10, 24, 12), '0.1.0', gatewayId)
      .run();

    const res = await get('/api/vps', alice.cookie);
    expect(res.status).toBe(200);
    const { vps } = (await res.json()) as { vps: { id: string }[] };
    expect(vps.map((v) => v.id).sort()).toEqual([vpsId, bare.vpsId].sort());
    expect(vps.find((v) => v.id === vpsId)).toEqual({
      id: vpsId,
      name: 'dev-box',
      region: 'nyc1',
      size: 's-1vcpu-1gb',
      ipv4: null,
      status: 'provisioning',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      auto_power_off_hours: null,
      gateway: { id: gatewayId, version: '0.1.0', connected: true, last_seen_at: '2026-11-24T12:00:00.000Z' },
    });
    expect(vps.find((v) => v.id === bare.vpsId)).toMatchObject({ name: 'second', gateway: null });
  });

  it('shows one VPS with its gateway and latest health', async () => {
    const { userId, cookie } = await signIn();
    const { vpsId, gatewayId } = await createVpsWithGateway(userId);
    const noHealth = (await (await get(`/api/vps/${vpsId}`, cookie)).json()) as { vps: { gateway: { health: null } } };
    expect(noHealth.vps.gateway.health).toBeNull();

    const health = {
      type: 'gateway.health',
      schema_version: '1',
      gateway_id: gatewayId,
      cpu: 12.5,
      mem: { used: 512, total: 1024 },
      disk: { used: 10, total: 25 },
      uptime: 3600,
      last_activity_at: '2026-11-24T11:59:00.000Z',
    };
    await env.DB.prepare('UPDATE gateways SET health_json = ?, health_at = ? WHERE id = ?')
      .bind(JSON.stringify(health), Date.UTC(2026, 10, 24, 12), gatewayId)
      .run();
    const res = await get(`/api/vps/${vpsId}`, cookie);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      vps: {
        id: vpsId,
        status: 'provisioning',
        gateway: {
          id: gatewayId,
          connected: false,
          last_seen_at: null,
          health: {
            cpu: 12.5,
            mem: { used: 512, total: 1024 },
            disk: { used: 10, total: 25 },
            uptime: 3600,
            last_activity_at: '2026-11-24T11:59:00.000Z',
            reported_at: '2026-11-24T12:00:00.000Z',
          },
        },
      },
    });
  });

  it('answers 404 for another user’s VPS, exactly as for one that does not exist', async () => {
    const alice = await signIn();
    const bob = await signIn();
    const { vpsId } = await createVpsWithGateway(alice.userId);
    const theirs = await get(`/api/vps/${vpsId}`, bob.cookie);
    const nobody = await get(`/api/vps/${crypto.randomUUID()}`, bob.cookie);
    expect(theirs.status).toBe(404);
    expect(nobody.status).toBe(404);
    const body = await theirs.json();
    expect(body).toEqual({ error: { code: 'vps.not_found', message: 'no such VPS' } });
    expect(await nobody.json()).toEqual(body);
    expect((await (await get('/api/vps', bob.cookie)).json()) as object).toEqual({ vps: [] });
  });

  it('requires a session', async () => {
    for (const path of ['/api/vps', `/api/vps/${crypto.randomUUID()}`]) {
      const res = await get(path);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('auth.required');
    }
  });
});
