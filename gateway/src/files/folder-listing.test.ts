import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_LIST_MAX_ENTRIES } from '@vibecode/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../errors.ts';
import { checkRelativeFolder, folderFailure, listFolder } from './folder-listing.ts';

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(GatewayError);
    return (e as GatewayError).code;
  }
  throw new Error('expected the listing to fail');
}

describe('checkRelativeFolder', () => {
  it.each([
    ['', ''],
    ['.', ''],
    ['./', ''],
    ['src', 'src'],
    ['src/lib/', 'src/lib'],
    ['a//b/./c', 'a/b/c'],
  ])('%j is %j', (raw, want) => {
    expect(checkRelativeFolder(raw)).toBe(want);
  });

  it.each(['..', '../x', 'a/../../b', 'a/..', '/etc', '~/x', 'a\0b'])('refuses %j', (raw) => {
    expect(() => checkRelativeFolder(raw)).toThrowError(expect.objectContaining({ code: 'file.path_invalid' }));
  });
});

describe('listFolder', () => {
  let dir: string;
  let root: string;
  const when = new Date('2026-11-24T10:00:00.000Z');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'folder-listing-'));
    root = join(dir, 'work');
    mkdirSync(join(root, 'src', 'deep'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'outside', 'secret.txt'), 'secret');
    writeFileSync(join(root, 'notes.txt'), 'hello');
    writeFileSync(join(root, 'src', 'main.ts'), 'export {};\n');
    utimesSync(join(root, 'notes.txt'), when, when);
    symlinkSync('notes.txt', join(root, 'link-inside'));
    symlinkSync('src', join(root, 'link-folder'));
    symlinkSync(join(dir, 'outside', 'secret.txt'), join(root, 'link-outside'));
    symlinkSync(join(dir, 'outside'), join(root, 'folder-outside'));
    symlinkSync('nowhere', join(root, 'broken'));
    execFileSync('mkfifo', [join(root, 'pipe')]);
    mkdirSync(join(root, 'many'));
    for (let i = 0; i < FILE_LIST_MAX_ENTRIES + 20; i++) writeFileSync(join(root, 'many', `f${i}`), '');
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the workdir with kinds, sizes and dates; symlinks stay symlinks', async () => {
    const listing = await listFolder(root, '');
    expect(listing.path).toBe('');
    expect(listing.truncated).toBe(false);
    const byName = new Map(listing.entries.map((e) => [e.name, e]));
    expect([...byName.keys()].sort()).toEqual(
      [
        'broken',
        'folder-outside',
        'link-folder',
        'link-inside',
        'link-outside',
        'many',
        'notes.txt',
        'pipe',
        'src',
      ].sort(),
    );
    expect(byName.get('notes.txt')).toEqual({ name: 'notes.txt', kind: 'file', size: 5, mtime: when.toISOString() });
    expect(byName.get('src')).toMatchObject({ kind: 'dir', size: 0 });
    expect(byName.get('pipe')).toMatchObject({ kind: 'other', size: 0 });
    // Inside: the link says what it leads to (and a file's size). Outside or broken: a bare link, nothing about it.
    expect(byName.get('link-inside')).toMatchObject({ kind: 'symlink', target: 'file', size: 5 });
    expect(byName.get('link-folder')).toMatchObject({ kind: 'symlink', target: 'dir', size: 0 });
    for (const name of ['link-outside', 'folder-outside', 'broken']) {
      expect(byName.get(name)).toEqual({ name, kind: 'symlink', size: 0, mtime: expect.any(String) });
    }
  });

  it('opens a subfolder, also through a symlink that stays inside', async () => {
    for (const path of ['src', 'src/', './src', 'link-folder']) {
      const listing = await listFolder(root, path);
      expect(listing.entries.map((e) => e.name).sort()).toEqual(['deep', 'main.ts']);
    }
  });

  it('refuses `..` and absolute paths as written', async () => {
    for (const path of ['..', 'src/../..', '/etc', '../work']) {
      expect(await failure(listFolder(root, path))).toBe('file.path_invalid');
    }
  });

  it('never lists a folder a symlink leads to outside the workdir', async () => {
    expect(await failure(listFolder(root, 'folder-outside'))).toBe('file.path_invalid');
  });

  it('says what is wrong: missing, not a folder, denied', async () => {
    expect(await failure(listFolder(root, 'gone'))).toBe('file.not_found');
    expect(await failure(listFolder(root, 'notes.txt'))).toBe('file.not_a_folder');
    expect(await failure(listFolder(root, 'link-inside'))).toBe('file.not_a_folder');
    expect(await failure(listFolder(root, 'notes.txt/x'))).toBe('file.not_a_folder');
    expect(await failure(listFolder(root, 'pipe'))).toBe('file.not_a_folder');
    expect(await failure(listFolder(join(dir, 'no-workdir'), ''))).toBe('file.not_found');
  });

  it('says a folder it may not read is denied', () => {
    // Root reads any folder (tests may run as root), so the errno the gateway's own user `vibe` gets is mapped here.
    for (const errno of ['EACCES', 'EPERM']) {
      expect(folderFailure(Object.assign(new Error(errno), { code: errno })).code).toBe('file.denied');
    }
    expect(folderFailure(Object.assign(new Error('x'), { code: 'EIO' })).code).toBe('file.read_failed');
  });

  it(`reads at most ${FILE_LIST_MAX_ENTRIES} entries and says more were left out`, async () => {
    const listing = await listFolder(root, 'many');
    expect(listing.entries).toHaveLength(FILE_LIST_MAX_ENTRIES);
    expect(listing.truncated).toBe(true);
    expect(new Set(listing.entries.map((e) => e.name)).size).toBe(FILE_LIST_MAX_ENTRIES);
  });
});
