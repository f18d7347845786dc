import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeCreatedFolders, UploadJournal } from './upload-journal.ts';

describe('UploadJournal', () => {
  let dir: string;
  let root: string;
  let journal: UploadJournal;
  const records = () => readdirSync(join(dir, 'journal'));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'upload-journal-'));
    root = join(dir, 'workspace');
    mkdirSync(join(root, 'proj'), { recursive: true });
    journal = new UploadJournal(join(dir, 'journal'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sweeps what an interrupted upload left: its temp file, the folders it created, its record', async () => {
    const dirs = [join(root, 'proj/new'), join(root, 'proj/new/deeper')];
    const tmp = join(root, 'proj/new/deeper/.a.bin.id1.vibe-upload');
    await journal.record('id1', { tmp, dirs });
    mkdirSync(dirs[1] as string, { recursive: true });
    writeFileSync(tmp, 'partial');
    expect(await journal.sweep(root)).toBe(1);
    expect(readdirSync(join(root, 'proj'))).toEqual([]);
    expect(records()).toEqual([]);
  });

  it('keeps a created folder that holds something else now', async () => {
    const tmp = join(root, 'proj/shared/.a.bin.id2.vibe-upload');
    await journal.record('id2', { tmp, dirs: [join(root, 'proj/shared')] });
    mkdirSync(join(root, 'proj/shared'));
    writeFileSync(tmp, 'partial');
    writeFileSync(join(root, 'proj/shared/other.txt'), 'kept');
    await journal.sweep(root);
    expect(readdirSync(join(root, 'proj/shared'))).toEqual(['other.txt']);
  });

  it('touches nothing a record names outside the workspace or without the temp suffix, and drops a torn record', async () => {
    const outside = join(dir, 'outside.txt');
    const plain = join(root, 'proj/plain.txt');
    writeFileSync(outside, 'x');
    writeFileSync(plain, 'x');
    await journal.record('out', { tmp: outside, dirs: [] });
    await journal.record('plain', { tmp: plain, dirs: [] });
    await journal.record('dirs', { tmp: join(root, 'proj/.x.id.vibe-upload'), dirs: [dir] });
    writeFileSync(join(dir, 'journal', 'torn.json'), '{"tmp": "/wor');
    expect(await journal.sweep(root)).toBe(4);
    expect(existsSync(outside) && existsSync(plain) && existsSync(dir)).toBe(true);
    expect(records()).toEqual([]);
  });

  it('forgets a finished upload, and sweeps nothing when it never ran', async () => {
    expect(await journal.sweep(root)).toBe(0);
    await journal.record('done', { tmp: join(root, 'proj/.f.done.vibe-upload'), dirs: [] });
    await journal.forget('done');
    expect(records()).toEqual([]);
  });
});

describe('removeCreatedFolders', () => {
  it('removes empty folders deepest first and stops at one that is not empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'created-folders-'));
    try {
      mkdirSync(join(dir, 'a/b/c'), { recursive: true });
      writeFileSync(join(dir, 'a/keep.txt'), 'x');
      await removeCreatedFolders([join(dir, 'a'), join(dir, 'a/b'), join(dir, 'a/b/gone'), join(dir, 'a/b/c')]);
      expect(readdirSync(join(dir, 'a'))).toEqual(['keep.txt']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
