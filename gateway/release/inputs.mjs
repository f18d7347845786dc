/**
 * Where a release's inputs live, and one hash over all of them: `ensureRelease` rebuilds exactly when it changes.
 * Sources are hashed by content; the Node.js binary (99 MB) by path, size and mtime, so a cache hit stays fast.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { ReleaseError } from './errors.mjs';

/** Bumped when the builder changes what it writes in a way the hashed files do not show. */
const FORMAT = 'vibe-gateway-release/1';

export const gatewayDir = join(import.meta.dirname, '..');
export const repoRoot = join(gatewayDir, '..');

/** The folders and files whose contents make up a release (tests excluded: they never ship). */
const SOURCES = [
  'gateway/src',
  'gateway/agents',
  'gateway/deploy',
  'gateway/release',
  'gateway/package.json',
  'schemas/src',
  'schemas/package.json',
  // Pins esbuild, ws, ajv and node-pty: every bundled dependency.
  'package-lock.json',
];

/**
 * Every file below `dir`, sorted, as paths relative to `base`.
 * @param {string} dir
 * @param {string} base
 * @returns {string[]}
 */
export function listFiles(dir, base) {
  if (!statSync(dir).isDirectory()) return [relative(base, dir)];
  /** @type {string[]} */
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path, base));
    else out.push(relative(base, path));
  }
  return out;
}

/** @param {string} path */
const isTest = (path) => /\.test\.[cm]?[jt]s$/.test(path);

/**
 * The runtime files of node-pty: its package.json, licence, compiled JS (no tests or source maps) and the N-API
 * binary built by `npm ci`. Paths relative to the package folder.
 */
export function nodePtyFiles() {
  const dir = dirname(createRequire(join(gatewayDir, 'package.json')).resolve('node-pty/package.json'));
  const native = join(dir, 'build', 'Release', 'pty.node');
  if (!existsSync(native)) {
    throw new ReleaseError('release.input_missing', `node-pty's native module is not built (${native}): run npm ci`);
  }
  const js = listFiles(join(dir, 'lib'), dir).filter((f) => f.endsWith('.js') && !isTest(f));
  return { dir, files: ['LICENSE', 'package.json', ...js, 'build/Release/pty.node'] };
}

/** The Node.js binary running the builder (the one the gateway is tested with) and the npm installed beside it. */
export function runtime() {
  const node = realpathSync(process.execPath);
  const npm = join(dirname(node), '..', 'lib', 'node_modules', 'npm');
  if (!existsSync(join(npm, 'bin', 'npm-cli.js'))) {
    throw new ReleaseError('release.input_missing', `no npm beside ${node} (looked in ${npm})`);
  }
  return { node, nodeVersion: process.versions.node, npm: realpathSync(npm) };
}

/**
 * @param {string} version
 * @returns {string} hex sha256 over every input of a release with this version.
 */
export function inputHash(version) {
  const hash = createHash('sha256').update(`${FORMAT}\0${version}\0`);
  /** @param {string} label @param {string} path */
  const file = (label, path) =>
    hash.update(`${label}\0${createHash('sha256').update(readFileSync(path)).digest('hex')}\n`);
  for (const source of SOURCES) {
    for (const rel of listFiles(join(repoRoot, source), repoRoot).filter((f) => !isTest(f)))
      file(rel, join(repoRoot, rel));
  }
  const pty = nodePtyFiles();
  for (const rel of pty.files) file(`node-pty/${rel}`, join(pty.dir, rel));
  const { node, nodeVersion, npm } = runtime();
  const st = statSync(node);
  hash.update(`node\0${node}\0${nodeVersion}\0${st.size}\0${st.mtimeMs}\n`);
  hash.update(`npm\0${npm}\0${JSON.parse(readFileSync(join(npm, 'package.json'), 'utf8')).version}\n`);
  return hash.digest('hex');
}
