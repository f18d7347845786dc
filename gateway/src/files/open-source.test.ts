import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegularFile } from './open-source.ts';

/**
 * Each case hands `openRegularFile` a path that was already checked and resolved, then swapped: what a session's own
 * program could do between the check and the open.
 */
describe('openRegularFile', () => {
  let dir: string;
  let root: string;
  let fifo: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'open-source-'));
    root = join(dir, 'root');
    mkdirSync(join(root, 'folder'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(root, 'file.txt'), 'hello');
    writeFileSync(join(dir, 'outside', 'secret.txt'), 'secret');
    symlinkSync(join(root, 'file.txt'), join(root, 'link-inside'));
    symlinkSync(join(dir, 'outside', 'secret.txt'), join(root, 'link-outside'));
    symlinkSync(join(dir, 'outside'), join(root, 'swapped-folder'));
    fifo = join(root, 'pipe');
    execFileSync('mkfifo', [fifo]);
  });

  afterAll(() => {
    // Were the FIFO ever opened blocking, a writer lets that open return, so no thread stays stuck in it.
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: no reader waits on it, which is the expected case.
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens a regular file inside the root and reports its size', async () => {
    const { handle, size } = await openRegularFile(root, join(root, 'file.txt'));
    try {
      expect(size).toBe(5);
      expect((await handle.readFile()).toString()).toBe('hello');
    } finally {
      await handle.close();
    }
  });

  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    await expect(openRegularFile(root, fifo)).rejects.toMatchObject({ code: 'file.path_invalid' });
  });

  it.each([
    ['a folder', 'folder'],
    ['a symlink swapped in, even one to a file inside', 'link-inside'],
    ['a symlink swapped in that leads outside', 'link-outside'],
    ['a file below a folder swapped for a symlink that leads outside', 'swapped-folder/secret.txt'],
  ])('refuses %s', async (_what, path) => {
    await expect(openRegularFile(root, join(root, path))).rejects.toMatchObject({ code: 'file.path_invalid' });
  });

  it('refuses a device', async () => {
    await expect(openRegularFile('/dev', '/dev/null')).rejects.toMatchObject({ code: 'file.path_invalid' });
  });

  it('says not found when the file is gone', async () => {
    await expect(openRegularFile(root, join(root, 'none'))).rejects.toMatchObject({ code: 'file.not_found' });
  });
});
