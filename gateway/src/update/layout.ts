/**
 * The release root: `releases/<version>/` (unpacked releases) and `current` (a symlink to the running one).
 * Temp files of an update in progress live in `releases/` under INCOMING_PREFIX, on the same file system, so
 * the final moves are renames.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readlink, rename, rm, stat, symlink } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { readReleaseVersion } from './unpack.ts';
import { updateError } from './update-error.ts';

export const INCOMING_PREFIX = '.incoming-';

export interface ReleaseRef {
  version: string;
  /** Absolute path of the release folder. */
  dir: string;
}

export const releasesDir = (root: string) => join(root, 'releases');
export const currentLink = (root: string) => join(root, 'current');
export const releaseDir = (root: string, version: string) => join(releasesDir(root), version);

/** A unique temp path inside `releases/` (`suffix` e.g. `.tar.gz`). */
export function incomingPath(root: string, suffix = ''): string {
  return join(releasesDir(root), `${INCOMING_PREFIX}${randomBytes(6).toString('hex')}${suffix}`);
}

/** The folder `current` points at (a relative or an absolute link); undefined when there is no such link. */
export async function currentDir(root: string): Promise<string | undefined> {
  try {
    const target = await readlink(currentLink(root));
    return isAbsolute(target) ? target : resolve(root, target);
  } catch {
    return undefined;
  }
}

/** The release `current` points at and its VERSION. */
export async function readCurrent(root: string): Promise<ReleaseRef> {
  const dir = await currentDir(root);
  if (dir === undefined)
    throw updateError('update.not_configured', `${currentLink(root)} is not a symlink to a release`);
  return { dir, version: await readReleaseVersion(dir) };
}

/**
 * Points `current` at `dir` atomically: a new symlink beside it renamed over it (rename(2) replaces a symlink
 * in one step, so a supervisor starting the gateway sees either the old or the new release, never none).
 * The link is relative when `dir` is under the root, so a root that is moved (a local sandbox) stays valid.
 */
export async function switchCurrent(root: string, dir: string): Promise<void> {
  const rel = relative(root, dir);
  const target = rel.startsWith('..') || isAbsolute(rel) ? dir : rel;
  const tmp = join(root, `.current-${randomBytes(6).toString('hex')}`);
  await symlink(target, tmp);
  try {
    await rename(tmp, currentLink(root));
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Removes every entry of `releases/` but the `keep` folders (and leftovers of interrupted updates); returns the names removed. */
export async function pruneReleases(root: string, keep: readonly string[]): Promise<string[]> {
  const kept = new Set(keep.map((dir) => basename(dir)));
  const removed: string[] = [];
  for (const name of await readdir(releasesDir(root))) {
    if (kept.has(name)) continue;
    await rm(join(releasesDir(root), name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
