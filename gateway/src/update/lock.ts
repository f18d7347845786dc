/**
 * One update at a time per release root, across processes (the daemon's hub command and the operator's CLI):
 * `{root}/.update.lock` created exclusively with the holder's pid. A lock whose holder died (killed mid-update)
 * is taken over, so a crash never blocks updates for good.
 */
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { updateError } from './update-error.ts';

export const LOCK_FILE = '.update.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function holder(path: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(path, 'utf8')).trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock or throws `update.busy`; resolves to its release. */
export async function acquireUpdateLock(root: string): Promise<() => Promise<void>> {
  const path = join(root, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return async () => {
        await unlink(path).catch(() => undefined);
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw updateError('update.install_failed', `cannot create ${path}: ${(e as Error).message}`);
      }
      const pid = await holder(path);
      if (pid !== undefined && alive(pid)) throw updateError('update.busy', `another update is running (pid ${pid})`);
      await unlink(path).catch(() => undefined);
    }
  }
  throw updateError('update.busy', 'another update took the lock');
}
