/**
 * deploy/install-gateway.sh, run for real with VIBE_ROOT=<temp dir> (no apt, no chown, no systemd) against
 * releases served on 127.0.0.1: small real tarballs signed with a key pair made here. A failed install must leave
 * nothing behind and say why in var/log/vibe-install.log.
 */
import { execFile, execFileSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileServer, serveFiles } from '../release/serve.mjs';

const SCRIPT = join(import.meta.dirname, '..', 'deploy', 'install-gateway.sh');

let dir: string;
let files: FileServer;
let truncating: Server;
let hanging: Server;
let publicKey: string;
let wrongPublicKey: string;

function keyPair(): { privateKey: KeyObject; publicPem: string } {
  const { privateKey, publicKey: pub } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicPem: pub.export({ type: 'spki', format: 'pem' }).toString() };
}

/** A real release tarball: VERSION, a bin/vibe-gateway stub and the unit, like the release builder's layout. */
function makeRelease(version: string): string {
  const stage = join(dir, `stage-${version}`);
  mkdirSync(join(stage, 'bin'), { recursive: true });
  mkdirSync(join(stage, 'systemd'));
  writeFileSync(join(stage, 'VERSION'), `${version}\n`);
  writeFileSync(join(stage, 'bin', 'vibe-gateway'), `#!/bin/sh\necho "gateway ${version}"\n`);
  chmodSync(join(stage, 'bin', 'vibe-gateway'), 0o755);
  writeFileSync(
    join(stage, 'systemd', 'vibe-gateway.service'),
    `[Service]\n# ${version}\nExecStart=/opt/vibe-gateway/current/bin/vibe-gateway run\n`,
  );
  const tarball = join(dir, `vibe-gateway-${version}.tar.gz`);
  execFileSync('tar', ['-czf', tarball, '-C', stage, 'VERSION', 'bin', 'systemd']);
  return tarball;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'install-gateway-test-'));
  const signer = keyPair();
  publicKey = signer.publicPem;
  wrongPublicKey = keyPair().publicPem;
  const served: Record<string, string> = {};
  for (const version of ['1.0.0', '1.1.0-test.1']) {
    const tarball = makeRelease(version);
    writeFileSync(`${tarball}.sig`, sign('sha256', readFileSync(tarball), signer.privateKey));
    served[`/${version}.tar.gz`] = tarball;
    served[`/${version}.tar.gz.sig`] = `${tarball}.sig`;
  }
  // A signature by the right key over other bytes.
  const other = join(dir, 'other.sig');
  writeFileSync(other, sign('sha256', Buffer.from('not the release'), signer.privateKey));
  served['/other.sig'] = other;
  files = await serveFiles(served);

  // Announces the whole tarball, sends half, drops the connection: every attempt.
  const whole = readFileSync(served['/1.0.0.tar.gz'] as string);
  truncating = createServer((_req, res) => {
    res.writeHead(200, { 'content-length': String(whole.length) });
    res.write(whole.subarray(0, whole.length >> 1), () => res.socket?.destroy());
  });
  // Accepts and never answers, like a host that drops the transfer.
  hanging = createServer(() => {});
  await Promise.all([truncating, hanging].map((s) => new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok))));
});

afterAll(async () => {
  await files.close();
  for (const s of [truncating, hanging]) {
    s.closeAllConnections();
    await new Promise((ok) => s.close(ok));
  }
  rmSync(dir, { recursive: true, force: true });
});

const url = (path: string) => `${files.url}${path}`;
const portOf = (s: Server) => (s.address() as AddressInfo).port;

/** A fresh droplet root holding only what cloud-init writes before the script runs: the release key. */
function freshRoot(key = publicKey): string {
  const root = mkdtempSync(join(dir, 'root-'));
  mkdirSync(join(root, 'etc', 'vibe'), { recursive: true });
  writeFileSync(join(root, 'etc', 'vibe', 'gateway-release.pub'), key);
  return root;
}

interface Run {
  code: number;
  stderr: string;
  log: string;
}

/** Runs the script asynchronously (the release server lives in this process), by absolute path: PATH is the test's. */
function install(root: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      '/bin/bash',
      [SCRIPT, ...args],
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', VIBE_ROOT: root, ...env } },
      (error, _stdout, stderr) => {
        const logFile = join(root, 'var', 'log', 'vibe-install.log');
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stderr, log: existsSync(logFile) ? readFileSync(logFile, 'utf8') : '' });
      },
    );
  });
}

const releaseArgs = (version: string) => [url(`/${version}.tar.gz`), url(`/${version}.tar.gz.sig`)];

/** Nothing of a release: no `current`, no release folder, no temporary files, no unit. */
function expectNothingInstalled(root: string): void {
  expect(existsSync(join(root, 'opt', 'vibe-gateway', 'current'))).toBe(false);
  const releases = join(root, 'opt', 'vibe-gateway', 'releases');
  expect(existsSync(releases) ? readdirSync(releases) : []).toEqual([]);
  expect(existsSync(join(root, 'etc', 'systemd', 'system', 'vibe-gateway.service'))).toBe(false);
}

describe('install-gateway.sh', () => {
  it('is clean for bash -n', () => {
    expect(() => execFileSync('bash', ['-n', SCRIPT])).not.toThrow();
  });

  it('installs a signed release: releases/<VERSION>, current, the unit, the home folders and the sudo log', async () => {
    const root = freshRoot();
    const run = await install(root, releaseArgs('1.0.0'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const base = join(root, 'opt', 'vibe-gateway');
    expect(readlinkSync(join(base, 'current'))).toBe('releases/1.0.0');
    expect(readFileSync(join(base, 'current', 'VERSION'), 'utf8')).toBe('1.0.0\n');
    expect(execFileSync(join(base, 'current', 'bin', 'vibe-gateway'), { encoding: 'utf8' })).toBe('gateway 1.0.0\n');
    expect(readdirSync(join(base, 'releases'))).toEqual(['1.0.0']);
    expect(readFileSync(join(root, 'etc', 'systemd', 'system', 'vibe-gateway.service'), 'utf8')).toBe(
      readFileSync(join(base, 'current', 'systemd', 'vibe-gateway.service'), 'utf8'),
    );
    expect(statSync(join(root, 'home', 'vibe', 'workspace')).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'home', 'vibe', '.vibe-gateway')).isDirectory()).toBe(true);
    expect(statSync(join(root, 'var', 'log', 'sudo-vibe.log')).mode & 0o777).toBe(0o600);
    expect(run.log).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ install start: http:\/\/127\.0\.0\.1:/m);
    expect(run.log).toContain('the unit is installed but not started');
    expect(run.log).toMatch(/install done: gateway 1\.0\.0\n$/);
  });

  it('reinstalls the same version in place', async () => {
    const root = freshRoot();
    expect((await install(root, releaseArgs('1.0.0'))).code).toBe(0);
    const run = await install(root, releaseArgs('1.0.0'));
    expect(run.code).toBe(0);
    expect(run.log).toContain('release 1.0.0 is already there: replacing it');
    const base = join(root, 'opt', 'vibe-gateway');
    expect(readdirSync(join(base, 'releases'))).toEqual(['1.0.0']);
    expect(readlinkSync(join(base, 'current'))).toBe('releases/1.0.0');
  });

  it('switches current to a second version and keeps the first', async () => {
    const root = freshRoot();
    expect((await install(root, releaseArgs('1.0.0'))).code).toBe(0);
    expect((await install(root, releaseArgs('1.1.0-test.1'))).code).toBe(0);
    const base = join(root, 'opt', 'vibe-gateway');
    expect(lstatSync(join(base, 'current')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(base, 'current'))).toBe('releases/1.1.0-test.1');
    expect(readdirSync(join(base, 'releases')).sort()).toEqual(['1.0.0', '1.1.0-test.1']);
    expect(readFileSync(join(root, 'etc', 'systemd', 'system', 'vibe-gateway.service'), 'utf8')).toContain(
      '# 1.1.0-test.1',
    );
  });

  it('refuses a bad signature: nothing installed, the reason logged, non-zero exit', async () => {
    const root = freshRoot();
    const run = await install(root, [url('/1.0.0.tar.gz'), url('/other.sig')]);
    expect(run.code).not.toBe(0);
    expectNothingInstalled(root);
    expect(run.log).toContain('FAILED: the release signature does not verify');
    expect(run.stderr).toContain('the release signature does not verify');
  });

  it('refuses a release signed by another key than the one in user_data', async () => {
    const root = freshRoot(wrongPublicKey);
    const run = await install(root, releaseArgs('1.0.0'));
    expect(run.code).not.toBe(0);
    expectNothingInstalled(root);
    expect(run.log).toContain('FAILED: the release signature does not verify');
  });

  it('refuses a truncated download after its bounded retries', async () => {
    const root = freshRoot();
    const truncated = `http://127.0.0.1:${portOf(truncating)}/1.0.0.tar.gz`;
    const run = await install(root, [truncated, url('/1.0.0.tar.gz.sig')]);
    expect(run.code).not.toBe(0);
    expectNothingInstalled(root);
    expect(run.log).toContain(`FAILED: download of ${truncated} failed`);
    expect(run.log).toContain('transfer closed');
  }, 30_000);

  it('gives up on a server that never answers within its time budget', async () => {
    const root = freshRoot();
    const started = Date.now();
    const run = await install(root, [`http://127.0.0.1:${portOf(hanging)}/x.tar.gz`, url('/1.0.0.tar.gz.sig')], {
      VIBE_INSTALL_TIMEOUT: '8',
    });
    expect(run.code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expectNothingInstalled(root);
    expect(run.log).toContain('FAILED: download of');
  }, 30_000);

  it('refuses a URL that is not http(s) and a missing key', async () => {
    const root = freshRoot();
    const run = await install(root, ['file:///etc/passwd', url('/1.0.0.tar.gz.sig')]);
    expect(run.code).not.toBe(0);
    expect(run.log).toContain('FAILED: artifact URL is not an http(s) URL: file:///etc/passwd');
    rmSync(join(root, 'etc', 'vibe', 'gateway-release.pub'));
    const keyless = await install(root, releaseArgs('1.0.0'));
    expect(keyless.code).not.toBe(0);
    expect(keyless.log).toContain('FAILED: no release public key at');
    expectNothingInstalled(root);
  });

  it('names the commands a VIBE_ROOT install needs and does not find', async () => {
    const root = freshRoot();
    const bin = join(dir, 'bin-without-tools');
    mkdirSync(bin, { recursive: true });
    for (const tool of ['dirname', 'mkdir', 'date']) {
      const path = execFileSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
      if (!existsSync(join(bin, tool))) symlinkSync(path, join(bin, tool));
    }
    const run = await install(root, releaseArgs('1.0.0'), { PATH: bin });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('missing commands: curl openssl tar gzip tmux timeout mktemp');
    expectNothingInstalled(root);
  });
});
