import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/crypto/hash.ts';
import { openDb } from '../src/db/client.ts';
import { BOOTSTRAP_TOKEN_TTL_MS, issueBootstrapToken } from '../src/gateways/bootstrap-token.ts';
import { findGatewayByCredential } from '../src/gateways/credential.ts';
import { signIn } from './helpers/auth.ts';
import { createVpsWithGateway, insertVps, registerGatewayRequest } from './helpers/fixtures.ts';

const db = () => openDb(env.DB);

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
}

describe('POST /api/gateways/register', () => {
  it('trades a bootstrap token for a credential stored only as its hash', async () => {
    const { userId } = await signIn();
    const { vpsId, gatewayId: provisionedId } = await insertVps(userId);
    const token = await issueBootstrapToken(db(), vpsId, Date.now());
    const res = await registerGatewayRequest(token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { gateway_id: string; credential: string };
    expect(body).toEqual({ gateway_id: provisionedId, credential: expect.stringMatching(/^[\w-]{43}$/) });

    const row = await env.DB.prepare('SELECT credential_hash FROM gateways WHERE id = ?')
      .bind(provisionedId)
      .first<{ credential_hash: string }>();
    expect(row?.credential_hash).toBe(await sha256Hex(body.credential));
    const found = await findGatewayByCredential(db(), body.credential);
    expect(found).toMatchObject({ id: provisionedId, vpsId, vps: { id: vpsId, userId } });
  });

  it('refuses a replayed token with 401', async () => {
    const { userId } = await signIn();
    const { vpsId } = await insertVps(userId);
    const token = await issueBootstrapToken(db(), vpsId, Date.now());
    expect((await registerGatewayRequest(token)).status).toBe(200);
    await expectError(await registerGatewayRequest(token), 401, 'auth.invalid_bootstrap_token');
  });

  it('refuses an expired and an unknown token with 401, changing nothing', async () => {
    const { userId } = await signIn();
    const { vpsId, gatewayId } = await insertVps(userId);
    const expired = await issueBootstrapToken(db(), vpsId, Date.now() - BOOTSTRAP_TOKEN_TTL_MS);
    await expectError(await registerGatewayRequest(expired), 401, 'auth.invalid_bootstrap_token');
    await expectError(await registerGatewayRequest('A'.repeat(43)), 401, 'auth.invalid_bootstrap_token');
    await expectError(await registerGatewayRequest('short'), 401, 'auth.invalid_bootstrap_token');
    const row = await env.DB.prepare('SELECT credential_hash FROM gateways WHERE id = ?').bind(gatewayId).first();
    expect(row).toEqual({ credential_hash: null });
    const used = await env.DB.prepare('SELECT used_at FROM bootstrap_tokens WHERE vps_id = ?').bind(vpsId).first();
    expect(used).toEqual({ used_at: null });
  });

  it('refuses malformed bodies with typed 4xx', async () => {
    const raw = (body: string, type = 'application/json') =>
      exports.default.fetch('http://localhost/api/gateways/register', {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
    await expectError(await raw('{'), 400, 'http.invalid_json');
    await expectError(await raw('[]'), 400, 'http.invalid_body');
    await expectError(await raw('{}'), 400, 'http.invalid_body');
    await expectError(await raw('{"bootstrap_token":7}'), 400, 'http.invalid_body');
    await expectError(await raw(JSON.stringify({ bootstrap_token: 'x'.repeat(300) })), 400, 'http.invalid_body');
    await expectError(await raw('{"bootstrap_token":"x"}', 'text/plain'), 415, 'http.unsupported_media_type');
  });

  it('re-registering (a reinstall) replaces the credential; the old one stops working', async () => {
    const { userId } = await signIn();
    const first = await createVpsWithGateway(userId);
    const token = await issueBootstrapToken(db(), first.vpsId, Date.now());
    const res = await registerGatewayRequest(token);
    const second = (await res.json()) as { gateway_id: string; credential: string };
    expect(second.gateway_id).toBe(first.gatewayId);
    expect(await findGatewayByCredential(db(), first.credential)).toBeNull();
    expect((await findGatewayByCredential(db(), second.credential))?.id).toBe(first.gatewayId);
  });

  it('creates the gateway row when provisioning did not', async () => {
    const { userId } = await signIn();
    const { vpsId, gatewayId } = await insertVps(userId);
    await env.DB.prepare('DELETE FROM gateways WHERE id = ?').bind(gatewayId).run();
    const res = await registerGatewayRequest(await issueBootstrapToken(db(), vpsId, Date.now()));
    const body = (await res.json()) as { gateway_id: string; credential: string };
    expect((await findGatewayByCredential(db(), body.credential))?.vpsId).toBe(vpsId);
  });

  it('findGatewayByCredential returns null for unknown and malformed credentials', async () => {
    expect(await findGatewayByCredential(db(), 'B'.repeat(43))).toBeNull();
    expect(await findGatewayByCredential(db(), '')).toBeNull();
  });
});
