/**
 * Path confinement: a path the hub names must stay inside a root, both as written (no `..`, no absolute
 * relative paths) and as resolved on disk (no symlink leading out).
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, normalize, relative, sep } from 'node:path';
import { GatewayError } from '../errors.ts';

/** True when `path` is `root` itself or below it; both must be absolute and normalized. */
export function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** What a workdir's segments may hold: tmux expands `#(command)` and other formats in `new-session -c`. */
const WORKDIR_SEGMENT = /^[A-Za-z0-9._-]*$/;

/**
 * Checks a session workdir as written: absolute, only [A-Za-z0-9._-] in its segments, no `.`/`..` segments,
 * strictly inside `root`. Returns it normalized (no trailing slash).
 */
export function checkWorkdir(root: string, workdir: string, code: string): string {
  const fail = (why: string) => new GatewayError(code, `workdir ${why}`);
  if (!isAbsolute(workdir)) throw fail('must be an absolute path');
  const segments = workdir.split('/');
  if (!segments.every((s) => WORKDIR_SEGMENT.test(s))) throw fail('may only hold letters, digits, . _ - and /');
  if (segments.some((s) => s === '..' || s === '.')) throw fail('must not contain . or .. segments');
  const normal = normalize(workdir).replace(/\/+$/, '');
  if (normal === root || !isWithin(root, normal)) throw fail('must be inside the workspace root');
  return normal;
}

/**
 * Checks a path relative to a session workdir as written: relative, no `..`, no NUL, not empty, no trailing
 * slash (it names a file). Returns the normalized relative path.
 */
export function checkRelativeFile(rel: string, code: string): string {
  const fail = (why: string) => new GatewayError(code, `path ${why}`);
  if (rel.length === 0) throw fail('is empty');
  if (rel.includes('\0')) throw fail('must not contain NUL');
  if (isAbsolute(rel) || rel.startsWith('~')) throw fail('must be relative to the session workdir');
  if (rel.split('/').some((s) => s === '..')) throw fail('must not contain ..');
  if (rel.endsWith('/')) throw fail('must name a file');
  const normal = normalize(rel);
  if (normal === '.' || normal.startsWith('..')) throw fail('must name a file inside the workdir');
  return normal;
}

/** Resolves symlinks in `path` (which must exist) and checks the result is inside `realRoot`. */
export async function realWithin(realRoot: string, path: string, code: string): Promise<string> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (e) {
    const errno = (e as NodeJS.ErrnoException).code;
    throw new GatewayError(errno === 'ENOENT' ? 'file.not_found' : code, `path cannot be resolved (${errno})`);
  }
  if (!isWithin(realRoot, real)) throw new GatewayError(code, 'path leads outside the session workdir');
  return real;
}
