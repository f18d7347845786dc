/**
 * The release artifact, built for real (esbuild, GNU tar, gzip) into temp out dirs: reproducible bytes, the
 * manifest, signatures checked by openssl as the install script checks them, and the unpacked release running a
 * session on its own Node against the test hub.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_VERSION } from '@vibecode/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRelease, type Release, ReleaseError } from '../release/index.mjs';
import { digest } from '../release/tarball.mjs';
import { TestHub } from './hub.ts';
import { createSandbox, type Sandbox } from './sandbox.ts';

const gatewayDir = join(import.meta.dirname, '..');
const cli = join(gatewayDir, 'release', 'cli.mjs');
const pkgVersion: string = JSON.parse(readFileSync(join(gatewayDir, 'package.json'), 'utf8')).version;
const work = mkdtempSync(join(tmpdir(), 'vibe-release-test-'));

/** @returns the folder the tarball was unpacked into, as the install script unpacks it. */
function unpack(release: Release, name: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  execFileSync('tar', ['-xzf', release.tarball, '-C', dir]);
  return dir;
}

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pub = join(work, `pub-${Math.random().toString(36).slice(2)}.pem`);
  writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  return { privatePem: String(privateKey.export({ type: 'pkcs8', format: 'pem' })), pub };
}

const opensslVerify = (pub: string, sig: string, file: string) =>
  spawnSync('openssl', ['dgst', '-sha256', '-verify', pub, '-signature', sig, file], { encoding: 'utf8' });

let release: Release;
let unpacked: string;

beforeAll(async () => {
  release = await ensureRelease({ outDir: join(work, 'a') });
  unpacked = unpack(release, 'a-unpacked');
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the gateway release', () => {
  it('is reused while no input changed, without rebuilding', async () => {
    const started = Date.now();
    const again = await ensureRelease({ outDir: release.dir });
    expect(again.built).toBe(false);
    expect(again.manifest).toEqual(release.manifest);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('has the same sha256 when built again from the same sources', async () => {
    const other = await ensureRelease({ outDir: join(work, 'b') });
    expect(other.built).toBe(true);
    expect(other.manifest.sha256).toBe(release.manifest.sha256);
    expect((await digest(other.tarball)).sha256).toBe(release.manifest.sha256);
  }, 180_000);

  it('describes itself in manifest.json', async () => {
    const manifest = JSON.parse(readFileSync(join(release.dir, 'manifest.json'), 'utf8'));
    expect(manifest).toEqual({
      version: pkgVersion,
      schema_version: SCHEMA_VERSION,
      sha256: (await digest(release.tarball)).sha256,
      size: statSync(release.tarball).size,
      node: process.versions.node,
    });
    expect(release.tarballName).toBe(`vibe-gateway-${pkgVersion}-linux-x64.tar.gz`);
  });

  it('lays out the release with fixed owners and times and no top-level folder', () => {
    const listing = execFileSync('tar', ['-tvzf', release.tarball, '--numeric-owner'], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    const lines = listing.trim().split('\n');
    const names = lines.map((l) => l.split(/\s+/).slice(5).join(' '));
    for (const path of [
      'VERSION',
      'bin/node',
      'bin/vibe-gateway',
      'bin/npm',
      'bin/npx',
      'lib/vibe-gateway.mjs',
      'lib/node_modules/node-pty/package.json',
      'lib/node_modules/node-pty/lib/index.js',
      'lib/node_modules/node-pty/build/Release/pty.node',
      'lib/node_modules/npm/bin/npm-cli.js',
      'agents/launch.sh',
      'agents/install-claude.sh',
      'systemd/vibe-gateway.service',
    ]) {
      expect(names).toContain(path);
    }
    if (existsSync(join(gatewayDir, 'deploy', 'install-gateway.sh'))) expect(names).toContain('install-gateway.sh');
    expect(names.filter((n) => n.startsWith('./') || n.endsWith('.test.js') || n.endsWith('.js.map'))).toEqual([]);
    expect(lines.every((l) => / 0\/0 .* 1970-01-01 00:00 /.test(l))).toBe(true);
    expect(readFileSync(join(unpacked, 'VERSION'), 'utf8')).toBe(`${pkgVersion}\n`);
  });

  it('bundles only the HTTP API validator the gateway uses, not the route table', () => {
    // The route table's validators kept whole put every API schema's $id into the bundle (~220 KB of source that
    // stays in the gateway's heap); the registration reply's own validator carries none.
    const bundle = readFileSync(join(unpacked, 'lib', 'vibe-gateway.mjs'), 'utf8');
    expect(bundle.match(/schemas\.vibecode\.dev\/1\/api\/[a-z-]+\.json/g) ?? []).toEqual([]);
  });

  it('prints its version and runs its npm with the Node.js it carries', () => {
    expect(execFileSync(join(unpacked, 'bin', 'vibe-gateway'), ['version'], { encoding: 'utf8' })).toBe(
      `${pkgVersion}\n`,
    );
    const npm = JSON.parse(readFileSync(join(unpacked, 'lib/node_modules/npm/package.json'), 'utf8')).version;
    expect(execFileSync(join(unpacked, 'bin', 'npm'), ['--version'], { encoding: 'utf8' }).trim()).toBe(npm);
    // Global installs (agent CLIs) go to the user's ~/.local, never into the release an update replaces.
    const home = join(work, 'home');
    mkdirSync(home);
    const prefix = execFileSync(join(unpacked, 'bin', 'npm'), ['config', 'get', 'prefix'], {
      encoding: 'utf8',
      cwd: home,
      env: { PATH: '/usr/bin:/bin', HOME: home },
    });
    expect(prefix.trim()).toBe(join(home, '.local'));
  });

  it('builds a release that reports an overridden version from the same sources', async () => {
    const newer = await ensureRelease({ outDir: join(work, 'c'), version: '0.1.1-test.1' });
    expect(newer.tarballName).toBe('vibe-gateway-0.1.1-test.1-linux-x64.tar.gz');
    expect(newer.manifest.version).toBe('0.1.1-test.1');
    const dir = unpack(newer, 'c-unpacked');
    expect(readFileSync(join(dir, 'VERSION'), 'utf8')).toBe('0.1.1-test.1\n');
    expect(execFileSync(join(dir, 'bin', 'vibe-gateway'), ['version'], { encoding: 'utf8' })).toBe('0.1.1-test.1\n');
  }, 180_000);

  it('refuses a version that cannot name files and folders', async () => {
    await expect(ensureRelease({ outDir: join(work, 'bad'), version: '../1.0.0' })).rejects.toMatchObject({
      code: 'release.version_invalid',
    });
    await expect(ensureRelease({ outDir: join(work, 'bad'), version: '1.0' })).rejects.toBeInstanceOf(ReleaseError);
    expect(existsSync(join(work, 'bad'))).toBe(false);
  });
});

describe('npm run release:gateway (the CLI)', () => {
  it('refuses to run without GATEWAY_SIGNING_KEY and writes nothing', () => {
    const out = join(work, 'nokey');
    const r = spawnSync(process.execPath, [cli, '--out-dir', out], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('GATEWAY_SIGNING_KEY is not set');
    expect(existsSync(out)).toBe(false);
  });

  it('signs the release so openssl verifies it with the public key, and only with it, and only unmodified', () => {
    const { privatePem, pub } = keyPair();
    const r = spawnSync(process.execPath, [cli, '--out-dir', release.dir], {
      encoding: 'utf8',
      // The literal-`\n` form environments without multi-line values use.
      env: { PATH: process.env.PATH, GATEWAY_SIGNING_KEY: privatePem.replaceAll('\n', '\\n') },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const sig = `${release.tarball}.sig`;
    expect(opensslVerify(pub, sig, release.tarball).stdout).toContain('Verified OK');

    expect(opensslVerify(keyPair().pub, sig, release.tarball).status).not.toBe(0);
    const cut = join(work, 'truncated.tar.gz');
    copyFileSync(release.tarball, cut);
    truncateSync(cut, statSync(cut).size - 1);
    expect(opensslVerify(pub, sig, cut).status).not.toBe(0);
    // A rebuild when a source changed since beforeAll (a checkout being edited) takes a few seconds more.
  }, 120_000);
});

describe('the unpacked release against a hub', () => {
  let hub: TestHub;
  let sandbox: Sandbox;

  beforeAll(async () => {
    hub = await TestHub.start();
    sandbox = createSandbox();
  });

  afterAll(async () => {
    await hub?.stop();
    await sandbox?.cleanup();
  });

  it('runs a session end to end on its own Node.js and node-pty', async () => {
    const child = spawn(join(unpacked, 'bin', 'vibe-gateway'), ['run'], {
      env: {
        PATH: '/usr/bin:/bin',
        HOME: sandbox.home,
        VIBE_CP_URL: hub.url,
        VIBE_BOOTSTRAP_TOKEN: 'boot-token',
        VIBE_STATE_DIR: sandbox.stateDir,
        VIBE_WORKSPACE_ROOT: sandbox.workspace,
        VIBE_TMUX_SOCKET: sandbox.tmuxSocket,
        VIBE_AUTHORIZED_KEYS: sandbox.authorizedKeys,
      },
      stdio: 'ignore',
    });
    try {
      const hello = await hub.event('gateway.hello');
      expect(hello.version).toBe(pkgVersion);
      // The launcher exec'd the release's own node, not the system one.
      expect(readlinkSync(`/proc/${child.pid}/exe`)).toBe(join(unpacked, 'bin', 'node'));
      const since = hub.mark();
      hub.send('session.create', {
        session_id: 1,
        tmux_name: 'r1',
        agent_type: 'shell',
        workdir: join(sandbox.workspace, 'r'),
      });
      await hub.event('session.started', { since });
      hub.send('session.attach', { session_id: 1, last_seq: 0 });
      hub.send('session.input', { session_id: 1, data: 'echo released-$((3*3))\r' });
      await hub.outputContains(1, 'released-9', since);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
