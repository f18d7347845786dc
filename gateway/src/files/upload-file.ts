/**
 * One upload's file on disk, from its first folder to its rename. In this order: the journal record (so a crash
 * from here on is cleaned up at the next start), the missing folders (only those this upload made are its own),
 * then the temp file beside the destination, opened with O_EXCL so never through a symlink. `commit` renames it into
 * place; `remove` takes the temp file and the folders away again, so a failed upload leaves nothing behind.
 */
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { GatewayError } from '../errors.ts';
import { realWithin } from '../paths/confine.ts';
import { planUploadTarget } from './targets.ts';
import { removeCreatedFolders, TEMP_SUFFIX, type UploadJournal } from './upload-journal.ts';

/** True when this call made `dir`, false when it was there already (another upload's, or the user's). */
async function makeFolder(dir: string): Promise<boolean> {
  try {
    await mkdir(dir, 0o755);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

export class UploadFile {
  private constructor(
    /** The destination relative to the workdir, as reported back. */
    readonly rel: string,
    private readonly path: string,
    private readonly tmp: string,
    readonly handle: FileHandle,
    private readonly created: string[],
    private readonly journal: UploadJournal,
    private readonly uploadId: string,
  ) {}

  static async create(journal: UploadJournal, workdir: string, destPath: string, uploadId: string) {
    const target = await planUploadTarget(workdir, destPath);
    const tmp = join(target.dir, `.${basename(target.path)}.${uploadId}${TEMP_SUFFIX}`);
    await journal.record(uploadId, { tmp, dirs: target.missing });
    const created: string[] = [];
    try {
      for (const dir of target.missing) if (await makeFolder(dir)) created.push(dir);
      // A folder swapped for a symlink while they were made: the file goes where it was planned, or nowhere.
      if ((await realWithin(target.realWorkdir, target.dir, 'file.path_invalid')) !== target.dir) {
        throw new GatewayError('file.path_invalid', 'the destination folder changed during the upload');
      }
      const handle = await open(tmp, 'wx', 0o644);
      return new UploadFile(target.rel, target.path, tmp, handle, created, journal, uploadId);
    } catch (e) {
      await removeCreatedFolders(created);
      await journal.forget(uploadId);
      throw e;
    }
  }

  /** Flushes the temp file and renames it into place; call only once its size and checksum are proven. */
  async commit(): Promise<void> {
    await this.handle.sync();
    await this.handle.close();
    await rename(this.tmp, this.path);
    // A record left behind is harmless: the sweep finds no temp file, and the folders now hold the file.
    await this.journal.forget(this.uploadId).catch(() => undefined);
  }

  /** Removes the temp file and the folders this upload created; the journal forgets it. */
  async remove(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.tmp, { force: true });
    await removeCreatedFolders(this.created);
    await this.journal.forget(this.uploadId);
  }
}
