/** Where a transfer's file is on disk: a path relative to the session workdir, confined to it. */
import type { FileHandle } from 'node:fs/promises';
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { GatewayError } from '../errors.ts';
import { checkRelativeFile, realWithin } from '../paths/confine.ts';
import { openRegularFile } from './open-source.ts';

const INVALID = 'file.path_invalid';

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export interface UploadTarget {
  /** The normalized path relative to the workdir, as reported back. */
  rel: string;
  /** The resolved workdir (symlinks resolved): everything below must stay inside it. */
  realWorkdir: string;
  /** The resolved directory the file goes into (inside the workdir); it may not exist yet. */
  dir: string;
  /** The folders missing on the way to `dir`, shallowest first: the upload creates them. */
  missing: string[];
  /** The final file path. */
  path: string;
}

/**
 * Plans an upload's `dest_path`: checks it as written and resolves the part that exists inside the workdir. Creates
 * nothing: the caller records the missing folders before it makes them, so it can remove them again.
 */
export async function planUploadTarget(workdir: string, destPath: string): Promise<UploadTarget> {
  const rel = checkRelativeFile(destPath, INVALID);
  const realWorkdir = await realpath(workdir);
  const parent = dirname(join(workdir, rel));
  let existing = parent;
  while (!(await exists(existing))) existing = dirname(existing);
  const realExisting = await realWithin(realWorkdir, existing, INVALID);
  const missing: string[] = [];
  let dir = realExisting;
  const segments = relative(existing, parent).split('/');
  for (const segment of segments.filter((s) => s !== '')) {
    dir = join(dir, segment);
    missing.push(dir);
  }
  const path = join(dir, basename(rel));
  const st = await stat(path).catch(() => undefined);
  if (st?.isDirectory()) throw new GatewayError(INVALID, 'dest_path names a folder');
  return { rel, realWorkdir, dir, missing, path };
}

/** Opens a download's `path`: a regular file inside the workdir (symlinks followed, but not out of it). */
export async function openDownloadSource(
  workdir: string,
  path: string,
): Promise<{ rel: string; handle: FileHandle; size: number }> {
  const rel = checkRelativeFile(path, INVALID);
  const realWorkdir = await realpath(workdir);
  const real = await realWithin(realWorkdir, join(workdir, rel), INVALID);
  return { rel, ...(await openRegularFile(realWorkdir, real)) };
}
