/**
 * The HTTP API answers what its contract (schemas/api/routes.json) says: a user's way through the API — sign in,
 * a server whose gateway reports health, a session, a file, SSH keys, notifications, Web Push, sign out — with every JSON
 * answer checked against its route's response schema and every status against the route's.
 */
import { exports } from 'cloudflare:workers';
import { message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { answer } from './helpers/api-answer.ts';
import { ORIGIN, signIn } from './helpers/auth.ts';
import { createVpsWithGateway } from './helpers/fixtures.ts';
import { connectGateway, eventually } from './helpers/gateway-socket.ts';
import { browserSubscription } from './helpers/push-service.ts';
import { anotherSession } from './helpers/web-session.ts';
import { api } from './hub/subscriber.ts';

const USER_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIP+0taXVhXuGGiZJnqgkEtTTHMR6yiMpsH/xIUKDb8L5 me@laptop';

describe('the HTTP API keeps its contract', () => {
  it('answers every JSON route of a user journey in the shape routes.json gives', async () => {
    const user = await signIn();
    const { cookie } = user;
    await answer('GET /api/me', 200, await api('/api/me', cookie));
    await answer('GET /api/cloud', 200, await api('/api/cloud', cookie));
    await answer('GET /api/dev/outbox', 200, await exports.default.fetch(`${ORIGIN}/api/dev/outbox`));

    const vps = await createVpsWithGateway(user.userId);
    const gateway = await connectGateway(vps.credential, vps.gatewayId);
    gateway.send(
      message('gateway.health', {
        gateway_id: vps.gatewayId,
        cpu: 7.5,
        mem: { used: 1, total: 4 },
        disk: { used: 2, total: 8 },
        uptime: 60,
        last_activity_at: null,
      }),
    );
    await eventually(async () => {
      const health = await answer('GET /api/vps/:id/health', 200, await api(`/api/vps/${vps.vpsId}/health`, cookie));
      expect(health.history).toHaveLength(1);
    });
    await answer('GET /api/vps', 200, await api('/api/vps', cookie));
    const detail = await answer('GET /api/vps/:id', 200, await api(`/api/vps/${vps.vpsId}`, cookie));
    expect(detail.vps.gateway?.health?.cpu).toBe(7.5);

    const sessionsUrl = `/api/vps/${vps.vpsId}/sessions`;
    const { session } = await answer(
      'POST /api/vps/:id/sessions',
      201,
      await api(sessionsUrl, cookie, { method: 'POST', json: { title: 'contract', agent_type: 'claude' } }),
    );
    await answer('GET /api/vps/:id/sessions', 200, await api(sessionsUrl, cookie));
    const upload = await exports.default.fetch(`${ORIGIN}/api/sessions/${session.id}/files?path=notes.txt`, {
      method: 'PUT',
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/octet-stream' },
      body: 'hello',
    });
    expect((await answer('PUT /api/sessions/:id/files', 201, upload)).size).toBe(5);

    const keysUrl = `/api/vps/${vps.vpsId}/keys`;
    await answer(
      'POST /api/vps/:id/keys',
      201,
      await api(keysUrl, cookie, { method: 'POST', json: { public_key: USER_KEY, label: 'laptop' } }),
    );
    await answer(
      'POST /api/vps/:id/support-access',
      201,
      await api(`/api/vps/${vps.vpsId}/support-access`, cookie, { method: 'POST' }),
    );
    expect((await answer('GET /api/vps/:id/keys', 200, await api(keysUrl, cookie))).keys).toHaveLength(2);
    await answer('GET /api/notifications', 200, await api('/api/notifications', cookie));
    await answer('GET /api/push/key', 200, await api('/api/push/key', cookie));
    const { endpoint, keys } = await browserSubscription(cookie);
    const subscribed = await answer(
      'POST /api/push/subscriptions',
      201,
      await api('/api/push/subscriptions', cookie, { method: 'POST', json: { endpoint, keys } }),
    );
    await answer(
      'DELETE /api/push/subscriptions/:id',
      200,
      await api(`/api/push/subscriptions/${subscribed.subscription.id}`, cookie, { method: 'DELETE' }),
    );

    const ended = await answer(
      'DELETE /api/sessions/:id',
      200,
      await api(`/api/sessions/${session.id}`, cookie, { method: 'DELETE' }),
    );
    expect(ended.session.status).toBe('ended');
    const laptop = await anotherSession(user.userId);
    await answer(
      'POST /api/auth/logout-everywhere',
      200,
      await api('/api/auth/logout-everywhere', laptop, { method: 'POST' }),
    );
    await answer('POST /api/auth/logout', 200, await api('/api/auth/logout', cookie, { method: 'POST' }));
  });
});
