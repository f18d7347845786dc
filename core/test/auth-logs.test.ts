import { exports } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ORIGIN, signIn } from './helpers/auth.ts';
import { createVpsWithGateway } from './helpers/fixtures.ts';
import { captureLogs } from './helpers/logs.ts';

afterEach(() => vi.restoreAllMocks());

describe('request logs', () => {
  it('writes one access line per request with request_id, user_id, vps_id and gateway_id', async () => {
    const { cookie, userId } = await signIn();
    const { vpsId, gatewayId } = await createVpsWithGateway(userId);
    const entries = captureLogs();
    await exports.default.fetch(`${ORIGIN}/api/vps/${vpsId}`, { headers: { cookie, 'cf-ray': 'ray-123' } });
    const access = entries.filter((e) => e.msg === 'request');
    expect(access).toEqual([
      {
        level: 'info',
        msg: 'request',
        time: expect.any(String),
        request_id: 'ray-123',
        user_id: userId,
        vps_id: vpsId,
        gateway_id: gatewayId,
        method: 'GET',
        path: `/api/vps/${vpsId}`,
        status: 200,
        duration_ms: expect.any(Number),
      },
    ]);
  });

  it('logs failures with their status and never the sign-in token from the query', async () => {
    const entries = captureLogs();
    const token = 'Q'.repeat(43);
    await exports.default.fetch(`${ORIGIN}/auth/verify?token=${token}`);
    await exports.default.fetch(`${ORIGIN}/api/me`);
    // An unknown token: the confirm page looks the link up to name its address, so it answers the invalid-link page.
    expect(entries.filter((e) => e.msg === 'request').map((e) => [e.path, e.status])).toEqual([
      ['/auth/verify', 400],
      ['/api/me', 401],
    ]);
    expect(JSON.stringify(entries)).not.toContain(token);
  });
});
