/**
 * Opens a download's file so that what is read is what was checked. Checking a path and then opening it leaves a
 * gap in which the session's own programs can swap it: a symlink (O_NOFOLLOW refuses one as the last component), a
 * FIFO or a device (opening a FIFO for reading blocks until a writer comes, so O_NONBLOCK, and the type is taken
 * from the opened descriptor with fstat, never from the path). A parent folder swapped for a symlink is caught by
 * asking the kernel where the opened file really is (/proc/self/fd; the gateway runs on Linux).
 */
import { constants } from 'node:fs';
import { type FileHandle, open, readlink } from 'node:fs/promises';
import { GatewayError } from '../errors.ts';
import { isWithin } from '../paths/confine.ts';

const INVALID = 'file.path_invalid';
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** What opening refused, as the downloader's error. */
function openFailure(e: unknown): GatewayError {
  const errno = (e as NodeJS.ErrnoException).code;
  if (errno === 'ENOENT') return new GatewayError('file.not_found', 'the file is gone');
  // ELOOP: the last component is a symlink; ENXIO: a socket, or a device with nothing behind it.
  if (errno === 'ELOOP' || errno === 'ENXIO') return new GatewayError(INVALID, 'path is not a regular file');
  return new GatewayError('file.read_failed', `the file cannot be opened (${errno ?? 'unknown error'})`);
}

/** Opens `real` (a path with symlinks already resolved) for reading: a regular file inside `realRoot`, or refused. */
export async function openRegularFile(realRoot: string, real: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(real, READ_FLAGS);
  } catch (e) {
    throw openFailure(e);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new GatewayError(INVALID, 'path is not a regular file');
    const opened = await readlink(`/proc/self/fd/${handle.fd}`);
    if (!isWithin(realRoot, opened)) throw new GatewayError(INVALID, 'path leads outside the session workdir');
    return { handle, size: st.size };
  } catch (e) {
    await handle.close();
    throw e;
  }
}
