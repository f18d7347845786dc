import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticRelease } from '../../test/synthetic-release.ts';
import { incomingPath, pruneReleases, readCurrent, releaseDir, switchCurrent } from './layout.ts';

const root = mkdtempSync(join(tmpdir(), 'vibe-layout-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
for (const v of ['1.0.0', '1.1.0', '1.2.0']) writeSyntheticRelease(releaseDir(root, v), v);

describe('the release root', () => {
  it('reads current through a relative or an absolute link', async () => {
    symlinkSync('releases/1.0.0', join(root, 'current'));
    expect(await readCurrent(root)).toEqual({ version: '1.0.0', dir: releaseDir(root, '1.0.0') });
    await switchCurrent(root, releaseDir(root, '1.1.0'));
    expect(readlinkSync(join(root, 'current'))).toBe('releases/1.1.0');
    expect(await readCurrent(root)).toEqual({ version: '1.1.0', dir: releaseDir(root, '1.1.0') });
    rmSync(join(root, 'current'));
    symlinkSync(releaseDir(root, '1.2.0'), join(root, 'current'));
    expect((await readCurrent(root)).version).toBe('1.2.0');
  });

  it('switches without leaving temp links behind', async () => {
    await switchCurrent(root, releaseDir(root, '1.0.0'));
    expect(readdirSync(root).sort()).toEqual(['current', 'releases']);
  });

  it('has no current in an empty root: update.not_configured', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'vibe-layout-empty-'));
    await expect(readCurrent(empty)).rejects.toMatchObject({ code: 'update.not_configured' });
    rmSync(empty, { recursive: true });
  });

  it('prunes every release but the kept ones, and leftovers of interrupted updates', async () => {
    mkdirSync(incomingPath(root));
    const removed = await pruneReleases(root, [releaseDir(root, '1.0.0'), releaseDir(root, '1.2.0')]);
    expect(removed).toContain('1.1.0');
    expect(removed).toHaveLength(2);
    expect(readdirSync(join(root, 'releases')).sort()).toEqual(['1.0.0', '1.2.0']);
  });
});
