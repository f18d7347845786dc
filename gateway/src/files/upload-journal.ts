/**
 * What each upload in progress has put on disk, so that a gateway that died in the middle of one (killed, out of
 * memory, the droplet rebooted) removes it at its next start: one small record per upload in the gateway's state
 * dir, written before the upload creates anything and deleted once its file is in place or removed. The temp files
 * sit beside their destinations, anywhere in the workspace: the records find them without walking it.
 */
import { mkdir, readdir, readFile, realpath, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { isWithin } from '../paths/confine.ts';

/** Every upload temp file's name ends so (`.<name>.<upload id>.vibe-upload`). */
export const TEMP_SUFFIX = '.vibe-upload';

export interface UploadRecord {
  /** The temp file the upload writes. */
  tmp: string;
  /** The folders it creates for its destination, shallowest first. */
  dirs: string[];
}

/**
 * Removes the folders an upload created, deepest first. One that is no longer empty holds someone else's file now:
 * it stays, and so do the folders above it.
 */
export async function removeCreatedFolders(dirs: readonly string[]): Promise<void> {
  for (const dir of [...dirs].reverse()) {
    try {
      await rmdir(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return;
    }
  }
}

export class UploadJournal {
  constructor(private readonly dir: string) {}

  async record(uploadId: string, record: UploadRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFile(this.file(uploadId), JSON.stringify(record), { mode: 0o600 });
  }

  async forget(uploadId: string): Promise<void> {
    await rm(this.file(uploadId), { force: true });
  }

  /**
   * At start, before any upload can begin: removes what every recorded upload left, then its record. Touches only
   * temp files by their suffix and folders inside `workspaceRoot`. Returns how many uploads it cleaned up after.
   */
  async sweep(workspaceRoot: string): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    const root = await realpath(workspaceRoot);
    const inside = (path: unknown): path is string =>
      typeof path === 'string' && isAbsolute(path) && isWithin(root, path) && path !== root;
    for (const name of names) {
      const file = join(this.dir, name);
      // A record cut short by the crash was written before its upload created anything: dropping it is enough.
      const record = await readFile(file, 'utf8')
        .then((text) => JSON.parse(text) as Partial<UploadRecord>)
        .catch(() => undefined);
      if (record && inside(record.tmp) && basename(record.tmp).endsWith(TEMP_SUFFIX)) {
        await rm(record.tmp, { force: true });
        if (Array.isArray(record.dirs) && record.dirs.every(inside)) await removeCreatedFolders(record.dirs);
      }
      await rm(file, { force: true });
    }
    return names.length;
  }

  private file(uploadId: string): string {
    return join(this.dir, `${uploadId}.json`);
  }
}
