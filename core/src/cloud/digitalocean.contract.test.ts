/**
 * The provider's requests against DigitalOcean's OpenAPI reference (`../shared/reference/digitalocean-openapi`):
 * every API call it makes in a full run (catalogue, create, get, power off/on, destroy) is recorded by localcloud
 * and checked against its operation (method, path parameters, query, required body fields and types).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerConsent, type LocalCloud, silentLogger, startLocalCloud } from '@vibecode/localcloud';
import { loadDigitalOceanContract } from '@vibecode/localcloud/contract';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomToken } from '../crypto/random-token.ts';
import { cloudInitUserData } from '../vps/cloud-init.ts';
import { DigitalOceanProvider } from './digitalocean.ts';
import { parseDigitalOceanConfig } from './digitalocean-config.ts';

let cloud: LocalCloud;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vps-contract-'));
  cloud = await startLocalCloud({
    clientId: 'contract-client',
    clientSecret: 'contract-secret',
    dataDir,
    bootDelayMs: 20,
    actionDelayMs: 20,
    testGatewayCommand: [process.execPath, '-e', 'setInterval(() => {}, 60000)'],
    log: silentLogger,
  });
});
afterAll(async () => {
  await cloud.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('sends only requests that DigitalOcean’s operations describe', async () => {
  const provider = new DigitalOceanProvider(
    parseDigitalOceanConfig({
      apiBaseUrl: cloud.url,
      cloudBaseUrl: cloud.url,
      clientId: 'contract-client',
      clientSecret: 'contract-secret',
      redirectUri: 'http://127.0.0.1:8787/api/cloud/callback',
      pageSize: 5,
    }),
    { sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5))) },
  );
  const state = randomToken();
  const tokens = await provider.completeAuthorization(
    (await answerConsent(provider.authorizeUrl(state))).searchParams,
    state,
  );
  const refreshed = await provider.refresh(tokens.refreshToken);
  const token = refreshed.accessToken;
  await provider.listRegions(token);
  await provider.listSizes(token);
  const userData = cloudInitUserData({
    cpUrl: 'http://127.0.0.1:1/cp',
    bootstrapToken: 'bt_contract_test_0123456789',
    gatewayArtifactUrl: 'https://releases.example/vibe-gateway.tar.gz',
    gatewayPublicKeyPem: '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n',
    allowHttp: true,
  });
  const server = await provider.createServer(token, { name: 'contract-1', size: 's-1vcpu-1gb', userData });
  for (let i = 0; (await provider.getServer(token, server.id)).status === 'new' && i < 200; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  await provider.powerOff(token, server.id);
  await provider.powerOn(token, server.id);
  await provider.destroyServer(token, server.id);
  await provider.revoke(token);

  const contract = loadDigitalOceanContract();
  const api = cloud.requests().filter((r) => r.path.startsWith('/v2/'));
  const operations = new Set(api.map((r) => contract.operationFor(r.method, r.path)));
  expect([...operations].sort()).toEqual(
    [
      'actions_get',
      'droplets_create',
      'droplets_destroy',
      'droplets_get',
      'dropletActions_post',
      'regions_list',
      'sizes_list',
    ].sort(),
  );
  for (const r of api) {
    expect(contract.checkRequest(r.method, r.path, r.query, r.body), `${r.method} ${r.path}`).toEqual([]);
  }

  // OAuth is not in the OpenAPI reference; its parameters follow DigitalOcean's OAuth documentation.
  const oauth = cloud.requests().filter((r) => r.path.startsWith('/v1/oauth/') && r.method === 'POST');
  const paramsOf = (grant: string) =>
    Object.keys(oauth.find((r) => (r.body as Record<string, string>).grant_type === grant)?.body ?? {}).sort();
  expect(paramsOf('authorization_code')).toEqual(['client_id', 'client_secret', 'code', 'grant_type', 'redirect_uri']);
  expect(paramsOf('refresh_token')).toEqual(['client_id', 'client_secret', 'grant_type', 'refresh_token']);
  expect(oauth.find((r) => r.path === '/v1/oauth/revoke')?.body).toEqual({ token: '[redacted]' });
});
