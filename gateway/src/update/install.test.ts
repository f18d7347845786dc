import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@vibecode/schemas/log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packRelease, signFile, signingKeys, writeSyntheticRelease } from '../../test/synthetic-release.ts';
import type { UpdateSettings } from '../config.ts';
import { type InstallStage, installUpdate, type UpdateRequest } from './install.ts';
import { releaseDir } from './layout.ts';
import { confirmPending, pendingPath, readState, rolledBackPath, writeState } from './state.ts';

const base = mkdtempSync(join(tmpdir(), 'vibe-install-'));
const keys = signingKeys();
const files = new Map<string, Buffer>();
const server = createServer((req, res) => {
  const body = files.get(req.url ?? '');
  if (!body) return void res.writeHead(404).end();
  res.writeHead(200, { 'Content-Length': body.length }).end(body);
});
let url: string;
const log = createLogger({}, () => undefined);
const watchdogEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: base };

/** Serves a synthetic release of `version` as /<name>.tar.gz (+ .sig); returns its sha256 and signature. */
function publish(name: string, version: string) {
  const src = join(base, 'src', name);
  writeSyntheticRelease(src, version);
  const tarball = join(base, 'src', `${name}.tar.gz`);
  packRelease(src, tarball);
  const data = readFileSync(tarball);
  const signature = signFile(tarball, keys);
  files.set(`/${name}.tar.gz`, data);
  files.set(`/${name}.tar.gz.sig`, signature);
  return { url: `${url}/${name}.tar.gz`, sha256: createHash('sha256').update(data).digest('hex'), signature };
}

let n = 0;
/** A release root with 1.0.0 current, its state dir and key. */
function rootAt(): { root: string; settings: UpdateSettings; snapshot: () => unknown } {
  const root = join(base, `root${++n}`);
  writeSyntheticRelease(releaseDir(root, '1.0.0'), '1.0.0');
  symlinkSync('releases/1.0.0', join(root, 'current'));
  const stateDir = join(base, `state${n}`);
  mkdirSync(stateDir);
  writeFileSync(join(base, 'release.pub'), keys.publicPem);
  const settings = { releaseRoot: root, publicKeyPath: join(base, 'release.pub'), confirmMs: 30_000, stateDir };
  const snapshot = () => ({
    root: readdirSync(root).sort(),
    releases: readdirSync(join(root, 'releases')).sort(),
    current: readlinkSync(join(root, 'current')),
    state: readdirSync(stateDir).sort(),
  });
  return { root, settings, snapshot };
}

async function install(settings: UpdateSettings, request: UpdateRequest, stages: InstallStage[] = []) {
  return installUpdate(settings, request, { log, onStage: (s) => stages.push(s), watchdogEnv });
}

async function gone(pid: number): Promise<void> {
  while (alive(pid)) await new Promise((r) => setTimeout(r, 50));
}
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(base, { recursive: true, force: true });
});

describe('installing an update', () => {
  it('installs, switches current, starts the watchdog and lets it go on confirmation', async () => {
    const { root, settings } = rootAt();
    const release = publish('good', '1.1.0');
    const stages: InstallStage[] = [];
    const installed = await install(settings, { ...release, version: '1.1.0', ref: 'r1' }, stages);
    expect(stages).toEqual(['downloading', 'verifying', 'installing']);
    expect(installed.from.version).toBe('1.0.0');
    expect(installed.to).toEqual({ version: '1.1.0', dir: releaseDir(root, '1.1.0') });
    expect(readlinkSync(join(root, 'current'))).toBe('releases/1.1.0');
    expect(readdirSync(join(root, 'releases')).sort()).toEqual(['1.0.0', '1.1.0']);
    const pending = await readState(pendingPath(settings.stateDir));
    expect(pending).toMatchObject({ from: { version: '1.0.0' }, to: { version: '1.1.0' }, ref: 'r1' });
    // The window is exactly the setting: a rollback's reason names it ("within 60 s", never "59.999 s").
    expect(pending && pending.deadline - pending.startedAt).toBe(settings.confirmMs);
    expect(alive(installed.watchdogPid)).toBe(true);
    expect(await confirmPending(settings.stateDir)).toBe(true);
    await gone(installed.watchdogPid);
    expect(readlinkSync(join(root, 'current'))).toBe('releases/1.1.0');
  });

  it('is rolled back by the watchdog when nobody confirms, and prunes beyond current and previous', async () => {
    const { root, settings } = rootAt();
    writeSyntheticRelease(releaseDir(root, '0.9.0'), '0.9.0');
    const release = publish('unwelcomed', '1.2.0');
    const installed = await install(
      { ...settings, confirmMs: 1000 },
      { url: release.url, signature: { url: `${release.url}.sig` } },
    );
    expect(installed.pruned).toEqual(['0.9.0']);
    await gone(installed.watchdogPid);
    expect(readlinkSync(join(root, 'current'))).toBe('releases/1.0.0');
    const rolled = await readState(rolledBackPath(settings.stateDir));
    expect(rolled?.rolledBack?.reason).toBe('1.2.0 did not come back online within 1 s');
    expect(readFileSync(join(settings.stateDir, 'update-watch.log'), 'utf8')).toMatch(/rolled back/);
  });

  it.each([
    [
      'a bad signature',
      'update.bad_signature',
      (r: ReturnType<typeof publish>) => ({ ...r, signature: signFile(join(base, 'release.pub'), keys) }),
    ],
    ['a wrong sha256', 'update.bad_checksum', (r: ReturnType<typeof publish>) => ({ ...r, sha256: 'a'.repeat(64) })],
    [
      'a missing file',
      'update.download_failed',
      (r: ReturnType<typeof publish>) => ({ ...r, url: `${url}/nope.tar.gz` }),
    ],
    ['another version', 'update.bad_release', (r: ReturnType<typeof publish>) => ({ ...r, version: '1.3.1' })],
    ['the running version', 'update.already_current', (r: ReturnType<typeof publish>) => ({ ...r, version: '1.0.0' })],
  ])('refuses %s and changes nothing', async (_what, code, tweak) => {
    const { settings, snapshot } = rootAt();
    const before = snapshot();
    const release = publish(`refused${n}`, '1.3.0');
    await expect(install(settings, { version: '1.3.0', ...tweak(release) })).rejects.toMatchObject({ code });
    expect(snapshot()).toEqual(before);
  });

  it('refuses a truncated download and a corrupt tarball that still carries the signature of the real one', async () => {
    const { settings, snapshot } = rootAt();
    const before = snapshot();
    const release = publish('truncated', '1.4.0');
    const full = files.get('/truncated.tar.gz') as Buffer;
    files.set('/truncated.tar.gz', full.subarray(0, full.length - 100));
    await expect(install(settings, { ...release, version: '1.4.0' })).rejects.toMatchObject({
      code: 'update.bad_checksum',
    });
    await expect(install(settings, { url: release.url, signature: release.signature })).rejects.toMatchObject({
      code: 'update.bad_signature',
    });
    expect(snapshot()).toEqual(before);
  });

  it('is busy while another update waits for its confirmation, and unconfigured without root or key', async () => {
    const { settings, snapshot } = rootAt();
    const release = publish('busy', '1.5.0');
    await writeState(pendingPath(settings.stateDir), {
      root: settings.releaseRoot as string,
      from: { version: '0.9.0', dir: '/x' },
      to: { version: '1.0.0', dir: '/y' },
      deadline: Date.now() + 30_000,
      startedAt: Date.now(),
      pidFile: '/nope',
    });
    const before = snapshot();
    await expect(install(settings, release)).rejects.toMatchObject({ code: 'update.busy' });
    expect(snapshot()).toEqual(before);
    await expect(install({ ...settings, releaseRoot: undefined }, release)).rejects.toMatchObject({
      code: 'update.not_configured',
    });
    await expect(install({ ...settings, publicKeyPath: join(base, 'missing.pub') }, release)).rejects.toMatchObject({
      code: 'update.not_configured',
    });
  });
});
