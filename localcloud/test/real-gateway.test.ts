/**
 * Boots a real droplet: its user_data carries the release key, the gateway's install script
 * (gateway/deploy/install-gateway.sh) and the env file, and runs the script; localcloud runs it inside the sandbox
 * against the real release (`ensureRelease`, signed with a key made here, served on 127.0.0.1), then starts the
 * installed unit. Against a minimal control plane that records what the gateway does: it is the unpacked release
 * (not this checkout), it registers with the bootstrap token, keeps its credential across power off/on (no second
 * registration), and is gone after power off.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type LocalRelease, serveLocalRelease } from '@vibecode/gateway/release';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { accessToken, type Harness, json, startHarness, waitFor } from './helpers.ts';

const INSTALL_SCRIPT = join(import.meta.dirname, '..', '..', 'gateway', 'deploy', 'install-gateway.sh');
const BOOTSTRAP_TOKEN = 'bt_real_gateway_test_token_0123456789';
const CREDENTIAL = 'cred_real_gateway_test_abcdefghijklmnop';

let h: Harness;
let cp: Server;
let cpUrl: string;
let release: LocalRelease;
let signatureDir: string;
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
  signatureDir = mkdtempSync(join(tmpdir(), 'localcloud-release-'));
  const privateKeyPem = String(
    generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
  release = await serveLocalRelease({ privateKeyPem, signatureDir });
  h = await startHarness({ testGatewayCommand: undefined, bootDelayMs: 50, actionDelayMs: 50 });
}, 180_000);
afterAll(async () => {
  await h?.stop();
  await release?.close();
  rmSync(signatureDir, { recursive: true, force: true });
  cp.closeAllConnections();
  await new Promise((ok) => cp.close(ok));
});

it('boots the real gateway, which registers once and keeps its credential across power off/on', async () => {
  const auth = { authorization: `Bearer ${await accessToken(h.cloud)}`, 'content-type': 'application/json' };
  // What core's cloud-init generator writes (core/src/vps/cloud-init.ts), minus the parts localcloud ignores.
  const userData = `#cloud-config\n${stringify({
    write_files: [
      { path: '/etc/vibe/gateway-release.pub', permissions: '0644', content: release.publicKeyPem },
      {
        path: '/usr/local/lib/vibe/install-gateway.sh',
        permissions: '0755',
        content: readFileSync(INSTALL_SCRIPT, 'utf8'),
      },
      {
        path: '/etc/vibe/gateway.env',
        owner: 'vibe:vibe',
        permissions: '0600',
        defer: true,
        content: `VIBE_CP_URL=${cpUrl}\nVIBE_BOOTSTRAP_TOKEN=${BOOTSTRAP_TOKEN}\n`,
      },
    ],
    runcmd: [['/usr/local/lib/vibe/install-gateway.sh', release.artifactUrl, `${release.artifactUrl}.sig`]],
  })}`;
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

  await waitFor('registration', async () => (registrations.length > 0 ? true : undefined), 60_000);
  const { version } = release.release.manifest;
  const installLog = readFileSync(join(machine.sandbox, 'var/log/vibe-install.log'), 'utf8');
  expect(installLog).toContain(`install done: gateway ${version}`);
  const running = await json(await fetch(machineUrl));
  expect(running).toMatchObject({ install: 'done', running: true });
  // The gateway is the release's bundle on the release's Node.js, unpacked in the sandbox: never this checkout
  // (node's own flags, which the launcher puts before the bundle, left aside).
  const argv = readFileSync(`/proc/${running.pid}/cmdline`, 'utf8')
    .split('\0')
    .filter((arg) => !arg.startsWith('--'));
  const releaseDir = join(machine.sandbox, 'opt/vibe-gateway/releases', version);
  expect(argv.slice(0, 3).map((arg) => (arg.startsWith('/') ? resolve(arg) : arg))).toEqual([
    join(releaseDir, 'bin/node'),
    join(releaseDir, 'lib/vibe-gateway.mjs'),
    'run',
  ]);
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
}, 120_000);
