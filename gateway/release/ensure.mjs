/**
 * `ensureRelease`: the unsigned tarball and manifest.json of one release in `outDir`, rebuilt only when an input
 * changed. An out dir holds one release: a rebuild removes older tarballs and every signature (a stale signature
 * must never sit beside new bytes). Files appear by rename, so a reader (npm start's file server, a parallel
 * test) sees the old release or the new one, never half of one; two builders racing write the same bytes.
 */
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageVersion, schemaVersion } from './bundle.mjs';
import { ReleaseError } from './errors.mjs';
import { inputHash, repoRoot, runtime } from './inputs.mjs';
import { stageRelease } from './stage.mjs';
import { digest, writeTarball } from './tarball.mjs';

/** @typedef {import('./index.d.mts').Release} Release */
/** @typedef {import('./index.d.mts').ReleaseManifest} ReleaseManifest */

/** Semver without build metadata: the version names files, folders and URLs. */
const VERSION_RE = /^\d+\.\d+\.\d+(-[0-9A-Za-z]+(\.[0-9A-Za-z-]+)*)?$/;
const TARBALL_RE = /^vibe-gateway-.+-linux-x64\.tar\.gz(\.sig)?$/;
/** Beside manifest.json, not in it: the manifest's fields are the published contract. */
const INPUTS_FILE = '.release-inputs';

export const defaultOutDir = join(repoRoot, 'dist', 'gateway');

/** @param {string} version */
export const tarballName = (version) => `vibe-gateway-${version}-linux-x64.tar.gz`;

/** @param {string} path @param {string} text */
function writeAtomic(path, text) {
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * @param {string} dir
 * @param {string} name
 * @param {string} hash
 * @returns {ReleaseManifest | undefined} the cached release's manifest when it was built from these inputs
 */
function cached(dir, name, hash) {
  try {
    if (readFileSync(join(dir, INPUTS_FILE), 'utf8') !== `${hash} ${name}\n`) return undefined;
    /** @type {ReleaseManifest} */
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    return statSync(join(dir, name)).size === manifest.size ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @param {{outDir?: string, version?: string}} [options]
 * @returns {Promise<Release>}
 */
export async function ensureRelease({ outDir = defaultOutDir, version = packageVersion() } = {}) {
  if (!VERSION_RE.test(version)) {
    throw new ReleaseError('release.version_invalid', `not a release version (x.y.z or x.y.z-pre): ${version}`);
  }
  const name = tarballName(version);
  const tarball = join(outDir, name);
  const hash = inputHash(version);
  const hit = cached(outDir, name, hash);
  if (hit) return { dir: outDir, tarball, tarballName: name, manifest: hit, built: false };

  mkdirSync(outDir, { recursive: true });
  const stage = mkdtempSync(join(tmpdir(), 'vibe-release-'));
  const tmpTarball = join(outDir, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await stageRelease(stage, version);
    await writeTarball(stage, tmpTarball);
    const { sha256, size } = await digest(tmpTarball);
    /** @type {ReleaseManifest} */
    const manifest = {
      version,
      schema_version: await schemaVersion(),
      sha256,
      size,
      node: runtime().nodeVersion,
    };
    for (const old of readdirSync(outDir).filter((f) => TARBALL_RE.test(f))) rmSync(join(outDir, old), { force: true });
    renameSync(tmpTarball, tarball);
    writeAtomic(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeAtomic(join(outDir, INPUTS_FILE), `${hash} ${name}\n`);
    return { dir: outDir, tarball, tarballName: name, manifest, built: true };
  } finally {
    rmSync(stage, { recursive: true, force: true });
    if (existsSync(tmpTarball)) rmSync(tmpTarball, { force: true });
  }
}
