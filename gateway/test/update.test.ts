/**
 * Self-update against real releases: two built by `ensureRelease` with version overrides (cached in
 * dist/gateway-test between runs) and a third that crashes on start, each signed with a key made here. The
 * gateway runs as `current/bin/vibe-gateway run` under a supervisor that restarts it like systemd, in a sandbox
 * release root; the hub command and the CLI both drive real downloads over HTTP.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash, sign } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { MessageByType } from '@vibecode/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRelease } from '../release/index.mjs';
import { TestHub } from './hub.ts';
import { createSandbox, type Sandbox, startGateway } from './sandbox.ts';
import { type Supervisor, supervise } from './supervisor.ts';
import { type SigningKeys, signingKeys } from './synthetic-release.ts';

const repo = join(import.meta.dirname, '..', '..');
const BASE = '0.1.0-update.1';
const NEXT = '0.1.0-update.2';
const CRASH = '0.1.0-update.3';
/** The shortest window the settings allow would be tight on a busy two-core machine; 10 s is still quick. */
const CONFIRM_S = 10;

interface Published {
  path: string;
  bytes: Buffer;
  sha256: string;
  signature: Buffer;
}

let keys: SigningKeys;
let hub: TestHub;
let sandbox: Sandbox;
let server: Server;
let baseUrl: string;
let supervisor: Supervisor | undefined;
const published = new Map<string, Published>();
let root: string;
let pubKey: string;

/** Serves `tarball` at /<version>.tar.gz (+ .sig); a /truncated/ prefix serves all but its last 4 KiB. */
function publish(version: string, tarball: string): Published {
  const bytes = readFileSync(tarball);
  const p = {
    path: `/${version}.tar.gz`,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    signature: sign('sha256', bytes, keys.privateKey),
  };
  published.set(version, p);
  return p;
}

/** A release that starts and exits 1 at once: a good tarball with its bundle replaced, repacked and signed. */
function crashingRelease(goodTarball: string, dir: string): string {
  const unpacked = join(dir, 'crash');
  mkdirSync(unpacked);
  execFileSync('tar', ['-xzf', goodTarball, '-C', unpacked]);
  writeFileSync(join(unpacked, 'lib', 'vibe-gateway.mjs'), 'process.exit(1);\n');
  writeFileSync(join(unpacked, 'VERSION'), `${CRASH}\n`);
  const tarball = join(dir, 'crash.tar.gz');
  execFileSync('tar', ['-czf', tarball, '-C', unpacked, '.']);
  return tarball;
}

function command(version: string, ref: string, over: Partial<MessageByType['gateway.update']> = {}) {
  const p = published.get(version) as Published;
  return {
    version,
    url: `${baseUrl}${p.path}`,
    sha256: p.sha256,
    signature: p.signature.toString('base64'),
    ref,
    ...over,
  };
}

function gatewayEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: sandbox.home,
    LANG: 'C.UTF-8',
    VIBE_CP_URL: hub.url,
    VIBE_GATEWAY_CREDENTIAL: 'cred-secret',
    VIBE_GATEWAY_ID: 'gw_update',
    VIBE_STATE_DIR: sandbox.stateDir,
    VIBE_WORKSPACE_ROOT: sandbox.workspace,
    VIBE_TMUX_SOCKET: sandbox.tmuxSocket,
    VIBE_AUTHORIZED_KEYS: sandbox.authorizedKeys,
    VIBE_RELEASE_ROOT: root,
    VIBE_RELEASE_PUBLIC_KEY: pubKey,
    VIBE_UPDATE_CONFIRM_S: String(CONFIRM_S),
  };
}

/** Everything an update could touch: the root, its releases, where current points, the state files. */
function snapshot() {
  return {
    root: readdirSync(root).sort(),
    releases: readdirSync(join(root, 'releases')).sort(),
    current: readlinkSync(join(root, 'current')),
    state: readdirSync(sandbox.stateDir)
      .filter((f) => f.startsWith('update'))
      .sort(),
  };
}

const statuses = (since: number, ref: string) =>
  hub.records
    .slice(since)
    .flatMap((r) => (r.kind === 'text' && r.msg.type === 'gateway.update.status' && r.msg.ref === ref ? [r.msg] : []));

const stagesOf = (list: MessageByType['gateway.update.status'][]) =>
  list.map((s) => s.stage).filter((stage, i, all) => stage !== all[i - 1]);

async function helloOf(version: string, since: number, timeoutMs = 60_000) {
  return hub.event('gateway.hello', { since, timeoutMs, match: (h) => h.version === version });
}

async function until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const timings: Record<string, number> = {};

beforeAll(async () => {
  keys = signingKeys();
  sandbox = createSandbox();
  const work = join(sandbox.dir, 'work');
  mkdirSync(work);
  const out = (v: string) => join(repo, 'dist', 'gateway-test', v);
  // Two independent builds (own stage and out dir each), mostly single-threaded gzip: side by side on two cores.
  const [base, next] = await Promise.all([
    ensureRelease({ outDir: out(BASE), version: BASE }),
    ensureRelease({ outDir: out(NEXT), version: NEXT }),
  ]);
  publish(BASE, base.tarball);
  publish(NEXT, next.tarball);
  publish(CRASH, crashingRelease(next.tarball, work));

  server = createServer((req, res) => {
    const truncated = req.url?.startsWith('/truncated/');
    const path = truncated ? req.url?.slice('/truncated'.length) : req.url;
    const sig = path?.endsWith('.sig');
    const p = [...published.values()].find((x) => x.path === (sig ? path?.slice(0, -4) : path));
    if (!p) return void res.writeHead(404).end();
    const body = sig ? p.signature : truncated ? p.bytes.subarray(0, p.bytes.length - 4096) : p.bytes;
    res.writeHead(200, { 'Content-Length': body.length }).end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // The droplet layout, as the install script leaves it: releases/<base>, current → it, the public key.
  root = join(sandbox.dir, 'opt', 'vibe-gateway');
  mkdirSync(join(root, 'releases', BASE), { recursive: true });
  execFileSync('tar', ['-xzf', base.tarball, '-C', join(root, 'releases', BASE)]);
  symlinkSync(`releases/${BASE}`, join(root, 'current'));
  pubKey = join(sandbox.dir, 'gateway-release.pub');
  writeFileSync(pubKey, keys.publicPem);

  hub = await TestHub.start({ welcome: true });
  supervisor = supervise(join(root, 'current', 'bin', 'vibe-gateway'), ['run'], gatewayEnv());
  await helloOf(BASE, 0);
}, 300_000);

afterAll(async () => {
  await supervisor?.stop();
  await hub?.stop();
  server?.closeAllConnections();
  server?.close();
  await sandbox?.cleanup();
  if (Object.keys(timings).length > 0) process.stdout.write(`update timings (ms): ${JSON.stringify(timings)}\n`);
});

describe('self-update', () => {
  it('refuses a bad signature and changes nothing', async () => {
    const before = snapshot();
    const since = hub.mark();
    const other = sign('sha256', Buffer.from('something else'), keys.privateKey).toString('base64');
    hub.send('gateway.update', command(NEXT, 'bad-sig', { signature: other }));
    const failed = await hub.event('gateway.update.status', { since, match: (s) => s.stage === 'failed' });
    expect(failed).toMatchObject({ version: NEXT, ref: 'bad-sig', error: { code: 'update.bad_signature' } });
    expect(stagesOf(statuses(since, 'bad-sig'))).toEqual(['downloading', 'verifying', 'failed']);
    expect(snapshot()).toEqual(before);
  });

  it('refuses a truncated file and changes nothing', async () => {
    const before = snapshot();
    const since = hub.mark();
    const p = published.get(NEXT) as Published;
    hub.send('gateway.update', command(NEXT, 'short', { url: `${baseUrl}/truncated${p.path}` }));
    const failed = await hub.event('gateway.update.status', { since, match: (s) => s.stage === 'failed' });
    expect(failed).toMatchObject({ ref: 'short', error: { code: 'update.bad_checksum' } });
    expect(snapshot()).toEqual(before);
  });

  it('updates: stages in order, the new version says hello, tmux sessions survive, the previous release is kept', async () => {
    hub.send('session.create', {
      session_id: 1,
      tmux_name: 'upd',
      agent_type: 'shell',
      workdir: join(sandbox.workspace, 'upd'),
    });
    await hub.event('session.started');
    hub.send('session.attach', { session_id: 1, last_seq: 0 });
    hub.send('session.input', { session_id: 1, data: 'echo before-$((6*7))\r' });
    await hub.outputContains(1, 'before-42');

    const since = hub.mark();
    const started = Date.now();
    hub.send('gateway.update', command(NEXT, 'good'));
    await hub.event('gateway.update.status', { since, match: (s) => s.stage === 'restarting' });
    timings.installed = Date.now() - started;
    const hello = await helloOf(NEXT, since);
    timings.update = Date.now() - started;
    expect(hello.sessions).toEqual([1]);
    expect(stagesOf(statuses(since, 'good'))).toEqual(['downloading', 'verifying', 'installing', 'restarting']);
    const progress = statuses(since, 'good').filter((s) => s.stage === 'downloading');
    expect(progress.at(-1)).toMatchObject({ received: (published.get(NEXT) as Published).bytes.length });

    // Confirmed: the pending state is gone, the watchdog let go, and nothing rolls back.
    await until('the update to be confirmed', () => !existsSync(join(sandbox.stateDir, 'update.json')));
    expect(readlinkSync(join(root, 'current'))).toBe(`releases/${NEXT}`);
    expect(readdirSync(join(root, 'releases')).sort()).toEqual([BASE, NEXT]);

    const after = hub.mark();
    hub.send('session.attach', { session_id: 1 });
    hub.send('session.input', { session_id: 1, data: 'echo after-$((6*8))\r' });
    await hub.outputContains(1, 'after-48', after);
  });

  it('rolls back a release that crashes on start: the previous version says hello again and reports it', async () => {
    const since = hub.mark();
    const started = Date.now();
    hub.send('gateway.update', command(CRASH, 'crash'));
    await hub.event('gateway.update.status', { since, match: (s) => s.stage === 'restarting' && s.ref === 'crash' });
    const restarted = hub.mark();
    await helloOf(NEXT, restarted, (CONFIRM_S + 30) * 1000);
    timings.rollback = Date.now() - started;
    const report = await hub.event('gateway.update.status', {
      since: restarted,
      match: (s) => s.stage === 'rolled_back',
    });
    expect(report).toMatchObject({
      version: CRASH,
      ref: 'crash',
      error: { code: 'update.not_confirmed', message: `${CRASH} did not come back online within ${CONFIRM_S} s` },
    });
    expect(readlinkSync(join(root, 'current'))).toBe(`releases/${NEXT}`);
    // The crashing release was started (and failed) at least once before the rollback.
    expect(supervisor?.runs.some((r) => r.exitCode === 1)).toBe(true);
    await until('the rollback report to be cleared', () => snapshot().state.length === 1);
    expect(snapshot().state).toEqual(['update-watch.log']);
  });

  it('updates from the command line, and the daemon restarts into it', async () => {
    const since = hub.mark();
    const started = Date.now();
    const cli = spawn(join(root, 'current', 'bin', 'vibe-gateway'), ['update', '--url', command(BASE, 'cli').url], {
      env: gatewayEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    cli.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    cli.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    const [code] = await once(cli, 'exit');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/downloading[\s\S]*verifying[\s\S]*installing/);
    expect(stdout).toContain(`switched current to ${BASE} (was ${NEXT})`);
    expect(stdout).toMatch(/stopped the running gateway \(pid \d+\)/);
    await helloOf(BASE, since);
    timings.cli = Date.now() - started;
    await until('the update to be confirmed', () => !existsSync(join(sandbox.stateDir, 'update.json')));
    // The crashed release was pruned; the previous (NEXT) is kept.
    expect(readdirSync(join(root, 'releases')).sort()).toEqual([BASE, NEXT]);
  });

  it('refuses updates without a release root: a checkout gateway answers update.not_configured', async () => {
    const plain = createSandbox();
    const checkoutHub = await TestHub.start({ welcome: true });
    const gw = startGateway(plain, checkoutHub.url, {
      VIBE_GATEWAY_CREDENTIAL: 'cred-secret',
      VIBE_GATEWAY_ID: 'gw_c',
    });
    try {
      await checkoutHub.event('gateway.hello');
      checkoutHub.send('gateway.update', command(NEXT, 'nocfg'));
      const failed = await checkoutHub.event('gateway.update.status', { match: (s) => s.stage === 'failed' });
      expect(failed).toMatchObject({ ref: 'nocfg', error: { code: 'update.not_configured' } });
    } finally {
      await gw.stop('SIGKILL');
      await checkoutHub.stop();
      await plain.cleanup();
    }
  });
});
