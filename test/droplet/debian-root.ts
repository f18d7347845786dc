/**
 * The "fresh droplet": a minimal Debian 12 root (`debootstrap --variant=minbase bookworm`) with cloud-init
 * preinstalled, as a DigitalOcean image has it — and nothing else, not even sudo, curl, openssl or tmux (cloud-init
 * goes in without its Recommends), so the install path cannot lean on a package an image may lack. Built once and
 * cached outside the repository; each test run copies it.
 *
 * Cache (`VIBE_DROPLET_CACHE`, default `${XDG_CACHE_HOME:-~/.cache}/vibecode/droplet`):
 *   root-<recipe>/      the finished root; `.vibe-droplet-root` in it names its recipe
 *   .build-<pid>-<rnd>/ a root being built; renamed to root-<recipe> only once complete, so a killed build never
 *                       leaves a root that looks valid (left-overs of dead builders are removed)
 *   debootstrap-debs/   debootstrap's package cache
 *   apt-archives/       mounted on every root's /var/cache/apt/archives: packages are downloaded once
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DropletError } from './errors.ts';
import { DropletNamespace } from './namespace.ts';

const SUITE = 'bookworm';
const IMAGE_PACKAGES = ['cloud-init'];
const DEFAULT_MIRROR = 'http://deb.debian.org/debian';
const MARKER = '.vibe-droplet-root';
/** Bumped when the build below changes in a way the recipe does not show. */
const BUILD_FORMAT = 1;
const DEBOOTSTRAP_TIMEOUT_MS = 15 * 60_000;
const APT_TIMEOUT_MS = 10 * 60_000;
const COPY_TIMEOUT_MS = 5 * 60_000;

/**
 * What an image has that debootstrap does not write. The apt option: the Release files' Valid-Until and Date are
 * not checked, because a mirror snapshot (or this machine's clock) can be outside their window and apt then refuses
 * every index, as the host's apt is configured too.
 */
const IMAGE_FILES: Record<string, string> = {
  'etc/hosts': '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n',
  'etc/apt/apt.conf.d/99droplet-test': 'Acquire::Check-Valid-Until "false";\nAcquire::Check-Date "false";\n',
};

export interface DebianRootCache {
  dir: string;
  /** Mounted on each root's /var/cache/apt/archives. */
  aptArchives: string;
}

export function rootCache(env: NodeJS.ProcessEnv = process.env): DebianRootCache {
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const dir = env.VIBE_DROPLET_CACHE || join(base, 'vibecode', 'droplet');
  return { dir, aptArchives: join(dir, 'apt-archives') };
}

/** The mirror apt uses here (its first `…/debian` source), so the root comes from where the host's packages do. */
export function hostDebianMirror(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VIBE_DEBIAN_MIRROR) return env.VIBE_DEBIAN_MIRROR;
  const sources = ['/etc/apt/sources.list', '/etc/apt/sources.list.d/debian.sources'];
  for (const file of sources) {
    if (!existsSync(file)) continue;
    const match = /(?:^deb\s+(?:\[[^\]]*\]\s+)?|^URIs:\s*)(https?:\/\/\S+\/debian)\/?\s/m.exec(
      readFileSync(file, 'utf8'),
    );
    if (match?.[1]) return match[1];
  }
  return DEFAULT_MIRROR;
}

const recipe = (): string =>
  createHash('sha256')
    .update(JSON.stringify({ SUITE, IMAGE_PACKAGES, IMAGE_FILES, BUILD_FORMAT }))
    .digest('hex')
    .slice(0, 12);

export interface CachedRoot {
  dir: string;
  /** false when a cached root was reused. */
  built: boolean;
}

/** The cached root, built first when missing or broken. */
export async function ensureDebianRoot(cache: DebianRootCache, log: (line: string) => void): Promise<CachedRoot> {
  const key = recipe();
  const dir = join(cache.dir, `root-${key}`);
  mkdirSync(cache.aptArchives, { recursive: true });
  removeLeftovers(cache.dir, key);
  if (isComplete(dir, key)) return { dir, built: false };
  if (existsSync(dir)) {
    log(`the cached root ${dir} is incomplete: rebuilding it`);
    rmSync(dir, { recursive: true, force: true });
  }
  const build = join(cache.dir, `.build-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await buildRoot(build, cache, log);
    writeFileSync(join(build, MARKER), `${JSON.stringify({ recipe: key, built: new Date().toISOString() })}\n`);
    try {
      renameSync(build, dir);
    } catch (error) {
      // Another run finished the same recipe first: its root is as good as this one.
      if (!isComplete(dir, key)) throw error;
    }
  } finally {
    rmSync(build, { recursive: true, force: true });
  }
  return { dir, built: true };
}

/** A fresh copy of the cached root at `target` (which must not exist): `cp -a`, which keeps owners and devices. */
export function copyRoot(cached: string, target: string): Promise<void> {
  return runHost(['cp', '-a', '--', cached, target], COPY_TIMEOUT_MS);
}

function isComplete(dir: string, key: string): boolean {
  try {
    const marker = JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as { recipe?: string };
    return (
      marker.recipe === key &&
      ['bin/sh', 'usr/bin/cloud-init', 'usr/bin/python3', 'usr/bin/apt-get'].every((p) => existsSync(join(dir, p)))
    );
  } catch {
    return false;
  }
}

/** Roots of older recipes, and builds whose builder is no longer running. */
function removeLeftovers(dir: string, key: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const build = /^\.build-(\d+)-/.exec(name);
    const stale = build ? !processAlive(Number(build[1])) : /^root-/.test(name) && name !== `root-${key}`;
    if (stale) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function buildRoot(build: string, cache: DebianRootCache, log: (line: string) => void): Promise<void> {
  if (spawnSync('debootstrap', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new DropletError('droplet.tool_missing', 'debootstrap is not installed: apt-get install -y debootstrap');
  }
  const mirror = hostDebianMirror();
  const debs = join(cache.dir, 'debootstrap-debs');
  mkdirSync(debs, { recursive: true });
  log(`building a Debian ${SUITE} root from ${mirror} (debootstrap, then ${IMAGE_PACKAGES.join(' ')})`);
  // In its own mount and PID namespaces: the /proc and /sys debootstrap mounts die with it, even if it is killed.
  await runHost(
    ['unshare', '--mount', '--pid', '--fork', '--kill-child', 'debootstrap', '--variant=minbase'].concat([
      `--cache-dir=${debs}`,
      SUITE,
      build,
      mirror,
    ]),
    DEBOOTSTRAP_TIMEOUT_MS,
  );
  for (const [path, content] of Object.entries(IMAGE_FILES)) writeFileSync(join(build, path), content);
  // The host's resolver, as a droplet gets its provider's through DHCP.
  cpSync('/etc/resolv.conf', join(build, 'etc/resolv.conf'), { dereference: true });
  const ns = await DropletNamespace.start(build, cache.aptArchives);
  try {
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    await ns.check(['apt-get', '-q', 'update'], { env, timeoutMs: APT_TIMEOUT_MS });
    await ns.check(['apt-get', '-q', '-y', 'install', '--no-install-recommends', ...IMAGE_PACKAGES], {
      env,
      timeoutMs: APT_TIMEOUT_MS,
    });
  } finally {
    await ns.stop();
  }
}

function runHost(argv: string[], timeoutMs: number): Promise<void> {
  const [command = '', ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new DropletError('droplet.tool_missing', `${command} could not run (${error.message})`));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new DropletError('droplet.root_build_failed', `${argv.join(' ')} exited ${code}:\n${output}`));
    });
  });
}
