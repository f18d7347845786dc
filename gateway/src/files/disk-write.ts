/**
 * Writing an upload's bytes to disk so that a full disk is an error, never a silently short file. write(2) on a
 * file system that fills up first writes what still fits and returns that count without an error (tmpfs and ext4
 * both do); only the next write fails with ENOSPC. So every buffer is written to its end, and a full disk or quota
 * becomes `file.no_space`, which tells the person what to do about it.
 */
import type { FileHandle } from 'node:fs/promises';
import { GatewayError, toGatewayError } from '../errors.ts';

/** What `writeAll` needs of a file handle (a node:fs/promises FileHandle). */
type Writable = Pick<FileHandle, 'write'>;

/** Writes all of `data`, going on after a short write until every byte is written or the write fails. */
export async function writeAll(handle: Writable, data: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < data.byteLength) {
    const { bytesWritten } = await handle.write(data, offset, data.byteLength - offset);
    // A write that makes no progress and reports no error would spin forever; treat it as a full disk.
    if (bytesWritten <= 0) throw Object.assign(new Error('the write made no progress'), { code: 'ENOSPC' });
    offset += bytesWritten;
  }
}

const NO_SPACE = new Set(['ENOSPC', 'EDQUOT']);

/** A failed write, open, fsync or rename of an upload as the error the uploader gets. */
export function writeFailure(e: unknown): GatewayError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && NO_SPACE.has(code)) {
    return new GatewayError('file.no_space', "the server's disk (or the user's quota) is full; nothing was kept");
  }
  return toGatewayError(e, 'file.write_failed');
}
