/**
 * Lists a folder of a session workdir for the file panel, confined like a download (`open-source.ts`): the path is
 * checked as written (relative, no `..`), symlinks on the way are followed only while they stay inside the workdir,
 * and what is listed is the folder that was checked: it is opened with O_NOFOLLOW | O_DIRECTORY, the kernel is asked
 * where the opened folder really is, and its entries are read through that descriptor (`/proc/self/fd/N`), so a
 * folder swapped for a symlink after the check lists nothing outside. Entries are described as lstat sees them: a
 * symlink stays a symlink and is never followed out of the workdir. At most FILE_LIST_MAX_ENTRIES are read, so a
 * folder of a million files costs what one of 500 does.
 */
import { constants } from 'node:fs';
import { type FileHandle, lstat, open, opendir, readlink, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import { FILE_LIST_MAX_ENTRIES, type FolderEntry, type FolderEntryKind } from '@vibecode/schemas';
import { GatewayError } from '../errors.ts';
import { isWithin } from '../paths/confine.ts';

const INVALID = 'file.path_invalid';
const DIR_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
/** Date.toISOString() only gives the protocol's 4-digit-year form between these. */
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export interface FolderListing {
  /** The folder as normalized, relative to the workdir; '' for the workdir itself. */
  path: string;
  entries: FolderEntry[];
  truncated: boolean;
}

/** Checks a folder path as written: '' (or '.') is the workdir; relative, no `..`, no NUL. */
export function checkRelativeFolder(rel: string): string {
  const fail = (why: string) => new GatewayError(INVALID, `path ${why}`);
  if (rel.includes('\0')) throw fail('must not contain NUL');
  if (isAbsolute(rel) || rel.startsWith('~')) throw fail('must be relative to the session workdir');
  if (rel.split('/').some((s) => s === '..')) throw fail('must not contain ..');
  const normal = normalize(rel === '' ? '.' : rel).replace(/\/+$/, '');
  return normal === '.' || normal === '' ? '' : normal;
}

/** What opening or reading the folder refused, as a typed error. */
export function folderFailure(e: unknown): GatewayError {
  if (e instanceof GatewayError) return e;
  const errno = (e as NodeJS.ErrnoException).code;
  if (errno === 'ENOENT') return new GatewayError('file.not_found', 'the folder is gone');
  if (errno === 'ENOTDIR') return new GatewayError('file.not_a_folder', 'path is not a folder');
  if (errno === 'EACCES' || errno === 'EPERM') return new GatewayError('file.denied', 'the folder cannot be read');
  // ELOOP: the folder was swapped for a symlink after it was checked.
  if (errno === 'ELOOP') return new GatewayError(INVALID, 'path is not a folder inside the session workdir');
  return new GatewayError('file.read_failed', `the folder cannot be listed (${errno ?? 'unknown error'})`);
}

function kindOf(st: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): FolderEntryKind {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'symlink';
  return 'other';
}

function timestamp(ms: number): string {
  return new Date(Math.min(Math.max(ms, 0), LATEST_MS)).toISOString();
}

/** One entry, read through the folder's descriptor; null when it vanished between readdir and lstat. */
async function entryOf(realRoot: string, base: string, name: string): Promise<FolderEntry | null> {
  const path = `${base}/${name}`;
  const st = await lstat(path).catch(() => null);
  if (st === null) return null;
  const kind = kindOf(st);
  const entry: FolderEntry = { name, kind, size: kind === 'file' ? st.size : 0, mtime: timestamp(st.mtimeMs) };
  if (kind !== 'symlink') return entry;
  // Where the link leads is told only when that is inside the workdir; a broken or escaping link is just a link.
  const real = await realpath(path).catch(() => null);
  if (real === null || !isWithin(realRoot, real)) return entry;
  const target = await stat(real).catch(() => null);
  if (target === null) return entry;
  const targetKind = kindOf(target);
  return { ...entry, target: targetKind, size: targetKind === 'file' ? target.size : 0 };
}

export async function listFolder(workdir: string, path: string): Promise<FolderListing> {
  const rel = checkRelativeFolder(path);
  let realRoot: string;
  try {
    realRoot = await realpath(workdir);
  } catch {
    throw new GatewayError('file.not_found', 'the session folder is gone');
  }
  let handle: FileHandle;
  try {
    const real = await realpath(join(realRoot, rel));
    if (!isWithin(realRoot, real)) throw new GatewayError(INVALID, 'path leads outside the session workdir');
    handle = await open(real, DIR_FLAGS);
  } catch (e) {
    throw folderFailure(e);
  }
  try {
    const base = `/proc/self/fd/${handle.fd}`;
    if (!isWithin(realRoot, await readlink(base))) throw new GatewayError(INVALID, 'path leads outside the workdir');
    const names: string[] = [];
    let truncated = false;
    const dir = await opendir(base, { bufferSize: 64 });
    try {
      for (let dirent = await dir.read(); dirent !== null; dirent = await dir.read()) {
        if (names.length === FILE_LIST_MAX_ENTRIES) {
          truncated = true;
          break;
        }
        names.push(dirent.name);
      }
    } finally {
      await dir.close();
    }
    const described = await Promise.all(names.map((name) => entryOf(realRoot, base, name)));
    return { path: rel, entries: described.filter((e): e is FolderEntry => e !== null), truncated };
  } catch (e) {
    throw folderFailure(e);
  } finally {
    await handle.close().catch(() => undefined);
  }
}
