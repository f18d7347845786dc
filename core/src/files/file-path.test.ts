import { describe, expect, it } from 'vitest';
import { attachmentDisposition, basename, parseFolderPath, parseRelativePath } from './file-path.ts';

describe('parseRelativePath', () => {
  it('accepts relative paths inside the workdir', () => {
    expect(parseRelativePath('notes.txt')).toBe('notes.txt');
    expect(parseRelativePath('src/app/main.ts')).toBe('src/app/main.ts');
    expect(parseRelativePath('.env')).toBe('.env');
  });

  it.each([
    undefined,
    '',
    '/etc/passwd',
    '../x',
    'a/../../x',
    'a//b',
    'a/./b',
    'dir/',
    'a\\b',
    'a\nb',
    'x'.repeat(1025),
  ])('refuses %j', (raw) => {
    expect(parseRelativePath(raw)).toBeNull();
  });
});

describe('parseFolderPath', () => {
  it('takes absent or empty as the workdir and checks the rest like a file path', () => {
    expect(parseFolderPath(undefined)).toBe('');
    expect(parseFolderPath('')).toBe('');
    expect(parseFolderPath('src/lib')).toBe('src/lib');
    for (const raw of ['/', '..', 'a/../..', 'dir/', 'a//b', 'a\0b', 'x'.repeat(1025)]) {
      expect(parseFolderPath(raw)).toBeNull();
    }
  });
});

describe('download names', () => {
  it('takes the last segment and quotes it safely', () => {
    expect(basename('a/b/c.txt')).toBe('c.txt');
    expect(attachmentDisposition('report "final".pdf')).toBe(
      `attachment; filename="report _final_.pdf"; filename*=UTF-8''report%20%22final%22.pdf`,
    );
    expect(attachmentDisposition('отчёт.txt')).toBe(
      `attachment; filename="_____.txt"; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.txt`,
    );
  });
});
