import type { FolderEntry } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { childPath, crumbs, formatModified, sizeText, sortEntries, unavailableReason } from './folder-view.ts';

const at = '2026-11-24T10:00:00.000Z';
const entry = (name: string, kind: FolderEntry['kind'], extra: Partial<FolderEntry> = {}): FolderEntry => ({
  name,
  kind,
  size: 0,
  mtime: at,
  ...extra,
});

describe('sortEntries', () => {
  it('puts folders (and links to folders) first, then the rest, by name as people sort', () => {
    const sorted = sortEntries([
      entry('file10.txt', 'file'),
      entry('b-dir', 'dir'),
      entry('File2.txt', 'file'),
      entry('link-to-dir', 'symlink', { target: 'dir' }),
      entry('A-dir', 'dir'),
      entry('file1.txt', 'file'),
      entry('pipe', 'other'),
      entry('loose-link', 'symlink'),
    ]);
    expect(sorted.map((e) => e.name)).toEqual([
      'A-dir',
      'b-dir',
      'link-to-dir',
      'file1.txt',
      'File2.txt',
      'file10.txt',
      'loose-link',
      'pipe',
    ]);
  });

  it('orders names that differ only in case the same way every time', () => {
    const a = sortEntries([entry('readme', 'file'), entry('README', 'file')]).map((e) => e.name);
    const b = sortEntries([entry('README', 'file'), entry('readme', 'file')]).map((e) => e.name);
    expect(a).toEqual(b);
  });
});

describe('paths', () => {
  it('joins a child onto a folder, the session folder being empty', () => {
    expect(childPath('', 'src')).toBe('src');
    expect(childPath('src/lib', 'a b.ts')).toBe('src/lib/a b.ts');
  });

  it('makes a breadcrumb back up to the session folder', () => {
    expect(crumbs('')).toEqual([{ label: 'Session folder', path: '' }]);
    expect(crumbs('src/lib')).toEqual([
      { label: 'Session folder', path: '' },
      { label: 'src', path: 'src' },
      { label: 'lib', path: 'src/lib' },
    ]);
  });
});

describe('sizes and availability', () => {
  it('shows bytes for what downloads and a word for the rest', () => {
    expect(sizeText(entry('a', 'file', { size: 1536 }))).toBe('1.5 KiB');
    expect(sizeText(entry('a', 'symlink', { target: 'file', size: 5 }))).toBe('5 B');
    expect(sizeText(entry('a', 'dir'))).toBe('Folder');
    expect(sizeText(entry('a', 'symlink'))).toBe('Link');
    expect(sizeText(entry('a', 'other'))).toBe('Special file');
  });

  it('says why an entry cannot be used, and nothing for one that can', () => {
    expect(unavailableReason(entry('a', 'file', { size: 20 * 1024 * 1024 }))).toBeNull();
    expect(unavailableReason(entry('a', 'file', { size: 20 * 1024 * 1024 + 1 }))).toMatch(/20 MiB/);
    expect(unavailableReason(entry('a', 'dir'))).toBeNull();
    expect(unavailableReason(entry('a', 'symlink'))).toMatch(/outside the session folder/);
    expect(unavailableReason(entry('a', 'other'))).toMatch(/cannot be downloaded/);
  });
});

describe('formatModified', () => {
  const now = new Date('2026-11-24T18:30:00.000Z');
  const utc = { locale: 'en-GB', timeZone: 'UTC' };

  it('shows the time for today, day and month this year, and the year before that', () => {
    expect(formatModified('2026-11-24T09:05:00.000Z', now, utc)).toBe('09:05');
    expect(formatModified('2026-03-02T09:05:00.000Z', now, utc)).toBe('2 Mar');
    expect(formatModified('2025-12-31T23:00:00.000Z', now, utc)).toBe('31 Dec 2025');
  });

  it('decides "today" in the reader\'s time zone', () => {
    // At 10:00 UTC on the 24th (19:00 in Tokyo), 23:30 UTC on the 23rd is 08:30 today in Tokyo, yesterday in UTC.
    const morning = new Date('2026-11-24T10:00:00.000Z');
    const tokyo = { locale: 'en-GB', timeZone: 'Asia/Tokyo' };
    expect(formatModified('2026-11-23T23:30:00.000Z', morning, tokyo)).toBe('08:30');
    expect(formatModified('2026-11-23T23:30:00.000Z', morning, utc)).toBe('23 Nov');
  });
});
