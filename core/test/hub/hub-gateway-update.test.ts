/**
 * The hub's side of self-update through a fake gateway on the real `/ws/gateway` route: the welcome after every
 * accepted hello, a hello of another protocol version refused with a typed error and close 4010 (and shown on the
 * server page until a hello is accepted), and `gateway.update.status` kept and shown, settled by the next hello.
 */
import { env } from 'cloudflare:workers';
import { message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { answer } from '../helpers/api-answer.ts';
import { signIn } from '../helpers/auth.ts';
import { createVpsWithGateway } from '../helpers/fixtures.ts';
import { connectGateway, eventually, FakeGateway, openSocket } from '../helpers/gateway-socket.ts';
import { callWith, releaseHost } from '../release/release-host.ts';
import { api } from './subscriber.ts';

async function detail(cookie: string, vpsId: string) {
  return (await answer('GET /api/vps/:id', 200, await api(`/api/vps/${vpsId}`, cookie))).vps;
}

async function rawGateway(credential: string, gatewayId: string): Promise<FakeGateway> {
  const ws = await openSocket('http://localhost/ws/gateway', { Authorization: `Bearer ${credential}` });
  if (ws instanceof Response) throw new Error(`refused ${ws.status}`);
  return new FakeGateway(ws, gatewayId);
}

const versionOf = async (gatewayId: string) =>
  (await env.DB.prepare('SELECT version FROM gateways WHERE id = ?').bind(gatewayId).first<{ version: string }>())
    ?.version;

describe('gateway.welcome', () => {
  it('answers an accepted hello, after it was recorded', async () => {
    const { userId } = await signIn();
    const vps = await createVpsWithGateway(userId);
    const gateway = await rawGateway(vps.credential, vps.gatewayId);
    gateway.hello('0.3.1');
    expect(await gateway.inbox.nextMessage('gateway.welcome')).toEqual({
      type: 'gateway.welcome',
      schema_version: '1',
      gateway_id: vps.gatewayId,
    });
    expect(await versionOf(vps.gatewayId)).toBe('0.3.1');
  });

  it('is not sent for a refused first frame', async () => {
    const { userId } = await signIn();
    const vps = await createVpsWithGateway(userId);
    const gateway = await rawGateway(vps.credential, vps.gatewayId);
    gateway.send(message('gateway.hello', { gateway_id: 'someone-else', version: '1.0.0' }));
    expect((await gateway.inbox.closed).code).toBe(4001);
    expect(gateway.inbox.messages('gateway.welcome')).toEqual([]);
  });
});

describe('a hello of another protocol version', () => {
  it('gets gateway.schema_unsupported naming both versions, close 4010, and the server page shows it', async () => {
    const host = releaseHost();
    await host.publish('0.2.0');
    const { userId, cookie } = await signIn();
    const vps = await createVpsWithGateway(userId);
    const gateway = await rawGateway(vps.credential, vps.gatewayId);
    gateway.inbox.send(
      JSON.stringify({
        type: 'gateway.hello',
        schema_version: '0',
        gateway_id: vps.gatewayId,
        version: '0.0.9',
        legacy_field: 1,
      }),
    );
    expect(await gateway.inbox.nextMessage('error')).toMatchObject({
      code: 'gateway.schema_unsupported',
      message: 'this gateway speaks protocol 0; this control plane speaks 1',
    });
    expect((await gateway.inbox.closed).code).toBe(4010);
    expect(await versionOf(vps.gatewayId)).toBe(null);

    const res = await callWith(host.vars, `/api/vps/${vps.vpsId}`, cookie);
    const shown = (await answer('GET /api/vps/:id', 200, res)).vps;
    expect(shown.status).toBe('provisioning');
    expect(shown.gateway).toMatchObject({
      connected: false,
      schema_error: {
        code: 'gateway.schema_unsupported',
        gateway_schema_version: '0',
        schema_version: '1',
        gateway_version: '0.0.9',
        update_command: `vibe-gateway update --url ${host.base}vibe-gateway-0.2.0-linux-x64.tar.gz`,
      },
    });

    // Updated from the console, the gateway speaks this protocol again: the refusal is gone.
    await connectGateway(vps.credential, vps.gatewayId, { version: '0.2.0' });
    expect((await detail(cookie, vps.vpsId)).gateway?.schema_error).toBe(null);
  });
});

describe('gateway.update.status', () => {
  it('is kept with when it came and shown on the server page; a hello with the new version says updated', async () => {
    const { userId, cookie } = await signIn();
    const vps = await createVpsWithGateway(userId);
    const gateway = await connectGateway(vps.credential, vps.gatewayId, { version: '0.1.0' });
    expect((await detail(cookie, vps.vpsId)).gateway?.update).toBe(null);

    gateway.send(
      message('gateway.update.status', {
        version: '0.2.0',
        stage: 'downloading',
        received: 12_300_000,
        total: 40_100_000,
      }),
    );
    await eventually(async () =>
      expect((await detail(cookie, vps.vpsId)).gateway?.update).toMatchObject({
        version: '0.2.0',
        stage: 'downloading',
        received: 12_300_000,
        total: 40_100_000,
        error: null,
        requested_at: null,
      }),
    );
    const at = Date.parse((await detail(cookie, vps.vpsId)).gateway?.update?.at ?? '');
    expect(Math.abs(Date.now() - at)).toBeLessThan(10_000);

    gateway.send(message('gateway.update.status', { version: '0.2.0', stage: 'restarting' }));
    await eventually(async () => expect((await detail(cookie, vps.vpsId)).gateway?.update?.stage).toBe('restarting'));
    gateway.close();
    const updated = await connectGateway(vps.credential, vps.gatewayId, { version: '0.2.0' });
    expect(await updated.inbox.nextMessage('gateway.welcome')).toMatchObject({ gateway_id: vps.gatewayId });
    const shown = (await detail(cookie, vps.vpsId)).gateway;
    expect(shown).toMatchObject({ version: '0.2.0', update: { version: '0.2.0', stage: 'updated', error: null } });
  });

  it('says rolled back when the old version says hello after the restart, then keeps the gateway’s own reason', async () => {
    const { userId, cookie } = await signIn();
    const vps = await createVpsWithGateway(userId);
    const gateway = await connectGateway(vps.credential, vps.gatewayId, { version: '0.1.0' });
    gateway.send(message('gateway.update.status', { version: '0.2.0', stage: 'restarting' }));
    await eventually(async () => expect((await detail(cookie, vps.vpsId)).gateway?.update?.stage).toBe('restarting'));
    gateway.close();
    const old = await connectGateway(vps.credential, vps.gatewayId, { version: '0.1.0' });
    expect((await detail(cookie, vps.vpsId)).gateway?.update).toMatchObject({
      version: '0.2.0',
      stage: 'rolled_back',
      error: { code: 'update.did_not_take' },
    });
    const reason = { code: 'update.not_welcomed', message: '0.2.0 did not say hello within 60 s' };
    old.send(message('gateway.update.status', { version: '0.2.0', stage: 'rolled_back', error: reason }));
    await eventually(async () =>
      expect((await detail(cookie, vps.vpsId)).gateway?.update).toMatchObject({ stage: 'rolled_back', error: reason }),
    );
  });

  it('records the gateway refusing the hub’s gateway.update (an error echoing its ref) as failed', async () => {
    const host = releaseHost();
    await host.publish('0.2.0');
    const { userId, cookie } = await signIn();
    const vps = await createVpsWithGateway(userId);
    const gateway = await connectGateway(vps.credential, vps.gatewayId, { version: '0.1.0' });
    gateway.override = (msg, fake) => {
      if (msg.type !== 'gateway.update') return false;
      fake.send(message('error', { code: 'update.busy', message: 'an update is already running', ref: msg.ref ?? '' }));
      return true;
    };
    await answer(
      'POST /api/vps/:id/gateway/update',
      202,
      await callWith(host.vars, `/api/vps/${vps.vpsId}/gateway/update`, cookie, { method: 'POST' }),
    );
    await eventually(async () =>
      expect((await detail(cookie, vps.vpsId)).gateway?.update).toMatchObject({
        stage: 'failed',
        error: { code: 'update.busy', message: 'an update is already running' },
      }),
    );
  });
});
