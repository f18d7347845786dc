import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireUpdateLock, LOCK_FILE } from './lock.ts';

const root = mkdtempSync(join(tmpdir(), 'vibe-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the update lock', () => {
  it('lets one holder in at a time and is free again once released', async () => {
    const release = await acquireUpdateLock(root);
    await expect(acquireUpdateLock(root)).rejects.toMatchObject({ code: 'update.busy' });
    await release();
    expect(existsSync(join(root, LOCK_FILE))).toBe(false);
    await (await acquireUpdateLock(root))();
  });

  it('takes over the lock of a holder that died', async () => {
    const dead = spawnSync('true').pid as number;
    writeFileSync(join(root, LOCK_FILE), `${dead}\n`);
    const release = await acquireUpdateLock(root);
    await release();
  });
});
