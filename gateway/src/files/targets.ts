/** Where a transfer's file is on disk: a path relative to the session workdir, confined to it. */
import { mkdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GatewayError } from '../errors.ts';
import { checkRelativeFile, realWithin } from '../paths/confine.ts';

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
  /** The resolved directory the file goes into (inside the workdir, symlinks resolved). */
  dir: string;
  /** The final file path. */
  path: string;
}

/**
 * Resolves an upload's `dest_path`: checks it as written, creates missing parent folders only after the part
 * that exists has been resolved inside the workdir, and refuses an existing folder of that name.
 */
export async function resolveUploadTarget(workdir: string, destPath: string): Promise<UploadTarget> {
  const rel = checkRelativeFile(destPath, INVALID);
  const realWorkdir = await realpath(workdir);
  let existing = dirname(join(workdir, rel));
  while (!(await exists(existing))) existing = dirname(existing);
  await realWithin(realWorkdir, existing, INVALID);
  const parent = dirname(join(workdir, rel));
  await mkdir(parent, { recursive: true });
  const dir = await realWithin(realWorkdir, parent, INVALID);
  const path = join(dir, basename(rel));
  const st = await stat(path).catch(() => undefined);
  if (st?.isDirectory()) throw new GatewayError(INVALID, 'dest_path names a folder');
  return { rel, dir, path };
}

/** Resolves a download's `path` to a regular file inside the workdir (symlinks followed, but not out of it). */
export async function resolveDownloadSource(workdir: string, path: string): Promise<{ rel: string; real: string }> {
  const rel = checkRelativeFile(path, INVALID);
  const real = await realWithin(await realpath(workdir), join(workdir, rel), INVALID);
  const st = await stat(real);
  if (!st.isFile()) throw new GatewayError(INVALID, 'path is not a regular file');
  return { rel, real };
}
