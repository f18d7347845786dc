/**
 * Boots the real gateway (`gateway/bin/vibe-gateway.js run`, localcloud's default command) from a droplet's
 * user_data, against a minimal control plane that records what the gateway does: it registers with the bootstrap
 * token, keeps its credential across power off/on (no second registration), and is gone after power off.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accessToken, type Harness, json, startHarness, waitFor } from './helpers.ts';

const BOOTSTRAP_TOKEN = 'bt_real_gateway_test_token_0123456789';
const CREDENTIAL = 'cred_real_gateway_test_abcdefghijklmnop';

let h: Harness;
let cp: Server;
let cpUrl: string;
const registrations: unknown[] = [];
const socketAttempts: IncomingMessage['headers'][] = [];

beforeAll(async () => {
  cp = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/api/gateways/register') {
        registrations.push(JSON.parse(body));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ gateway_id: 'gw-real-1', credential: CREDENTIAL }));
        return;
      }
      res.writeHead(404).end();
    });
  });
  // The hub is not part of this test: record each WebSocket attempt, then refuse it.
  cp.on('upgrade', (req, socket) => {
    socketAttempts.push(req.headers);
    socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((ok) => cp.listen(0, '127.0.0.1', ok));
  cpUrl = `http://127.0.0.1:${(cp.address() as AddressInfo).port}`;
  h = await startHarness({ gatewayCommand: undefined, bootDelayMs: 50, actionDelayMs: 50 });
});
afterAll(async () => {
  await h.stop();
  cp.closeAllConnections();
  await new Promise((ok) => cp.close(ok));
});

it('boots the real gateway, which registers once and keeps its credential across power off/on', async () => {
  const auth = { authorization: `Bearer ${await accessToken(h.cloud)}`, 'content-type': 'application/json' };
  const userData = `#cloud-config\nwrite_files:\n  - path: /etc/vibe/gateway.env\n    owner: vibe:vibe\n    permissions: '0600'\n    defer: true\n    content: |\n      VIBE_CP_URL=${cpUrl}\n      VIBE_BOOTSTRAP_TOKEN=${BOOTSTRAP_TOKEN}\n`;
  const created = await fetch(`${h.cloud.url}/v2/droplets`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ name: 'real-gw', size: 's-1vcpu-1gb', image: 'debian-12-x64', user_data: userData }),
  });
  const { droplet } = await json(created);
  const machineUrl = `${h.cloud.url}/_localcloud/droplets/${droplet.id}/machine`;
  const machine = await waitFor('machine', async () => {
    const res = await fetch(machineUrl);
    return res.status === 200 ? json(res) : undefined;
  });

  await waitFor('registration', async () => (registrations.length > 0 ? true : undefined), 20_000);
  expect(registrations).toEqual([{ bootstrap_token: BOOTSTRAP_TOKEN }]);
  const credentialFile = join(machine.sandbox, 'state', 'credential.json');
  await waitFor('stored credential', async () => (existsSync(credentialFile) ? true : undefined));
  expect(JSON.parse(readFileSync(credentialFile, 'utf8'))).toEqual({ gateway_id: 'gw-real-1', credential: CREDENTIAL });
  await waitFor('first hub connection attempt', async () => (socketAttempts.length > 0 ? true : undefined), 20_000);

  const action = async (type: string) => {
    const res = await fetch(`${h.cloud.url}/v2/droplets/${droplet.id}/actions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ type }),
    });
    const { action: started } = await json(res);
    await waitFor(type, async () => {
      const { action: a } = await json(await fetch(`${h.cloud.url}/v2/actions/${started.id}`, { headers: auth }));
      return a.status === 'completed' ? true : undefined;
    });
  };

  const { pid } = await json(await fetch(machineUrl));
  await action('power_off');
  expect(() => process.kill(pid, 0)).toThrow();
  expect(spawnSync('tmux', ['-L', machine.tmux_socket, 'has-session']).status).not.toBe(0);

  const attemptsBefore = socketAttempts.length;
  await action('power_on');
  await waitFor(
    'hub connection after power on',
    async () => (socketAttempts.length > attemptsBefore ? true : undefined),
    20_000,
  );
  expect(registrations).toHaveLength(1);

  await fetch(`${h.cloud.url}/v2/droplets/${droplet.id}`, { method: 'DELETE', headers: auth });
  expect(existsSync(machine.sandbox)).toBe(false);
}, 60_000);
