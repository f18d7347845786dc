import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRelativeFile, checkWorkdir, isWithin, realWithin } from './confine.ts';

describe('isWithin', () => {
  it.each([
    ['/w', '/w', true],
    ['/w', '/w/a/b', true],
    ['/w', '/w2', false],
    ['/w', '/', false],
    ['/w', '/w/../x', false],
  ])('%s contains %s: %s', (root, path, want) => {
    expect(isWithin(root, path)).toBe(want);
  });
});

describe('checkWorkdir', () => {
  it('accepts an absolute path inside the root and drops a trailing slash', () => {
    expect(checkWorkdir('/ws', '/ws/proj/', 'x.y')).toBe('/ws/proj');
  });

  it.each([
    'proj',
    '/ws',
    '/ws/../etc',
    '/ws/./p',
    '/other/p',
    '/wsx/p',
    '/ws/p\0',
    '/ws/a#(touch /tmp/x)',
    '/ws/a#{pane_id}',
    '/ws/$(id)',
    '/ws/a b',
    '/ws/caf\u00e9',
  ])('refuses %j', (wd) => {
    expect(() => checkWorkdir('/ws', wd, 'session.workdir_invalid')).toThrow(
      expect.objectContaining({ code: 'session.workdir_invalid' }),
    );
  });
});

describe('checkRelativeFile', () => {
  it('normalizes a plain relative path', () => {
    expect(checkRelativeFile('a//b/./c.txt', 'file.path_invalid')).toBe('a/b/c.txt');
  });

  it.each(['', '/etc/passwd', '../x', 'a/../../x', 'a/..', 'dir/', '~/x', '.', 'a\0b'])('refuses %j', (p) => {
    expect(() => checkRelativeFile(p, 'file.path_invalid')).toThrow(
      expect.objectContaining({ code: 'file.path_invalid' }),
    );
  });
});

describe('realWithin', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'confine-'));
    await mkdir(join(dir, 'root/sub'), { recursive: true });
    await writeFile(join(dir, 'outside.txt'), 'secret');
    await symlink(join(dir, 'outside.txt'), join(dir, 'root/escape'));
    await symlink(join(dir, 'root/sub'), join(dir, 'root/inner'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('follows a symlink that stays inside', async () => {
    await expect(realWithin(join(dir, 'root'), join(dir, 'root/inner'), 'file.path_invalid')).resolves.toBe(
      join(dir, 'root/sub'),
    );
  });

  it('refuses a symlink that leads outside', async () => {
    await expect(realWithin(join(dir, 'root'), join(dir, 'root/escape'), 'file.path_invalid')).rejects.toMatchObject({
      code: 'file.path_invalid',
    });
  });

  it('says not found for a missing path', async () => {
    await expect(realWithin(join(dir, 'root'), join(dir, 'root/none'), 'file.path_invalid')).rejects.toMatchObject({
      code: 'file.not_found',
    });
  });
});
