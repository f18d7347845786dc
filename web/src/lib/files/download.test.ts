import { describe, expect, it } from 'vitest';
import { downloadName } from './download.ts';
import { filesUrl } from './upload.ts';

describe('files paths', () => {
  it('saves a download under the last path segment', () => {
    expect(downloadName('notes.txt')).toBe('notes.txt');
    expect(downloadName('src/app/main.ts')).toBe('main.ts');
    expect(downloadName('dir/')).toBe('dir');
  });

  it('builds the files URL with both parts escaped', () => {
    expect(filesUrl('s/1', 'a b/c&d.txt')).toBe('/api/sessions/s%2F1/files?path=a%20b%2Fc%26d.txt');
  });
});
