import { FILE_MAX_BYTES } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { checkUpload, progressPercent } from './upload-check.ts';

describe('checkUpload', () => {
  it('accepts a file up to exactly 20 MiB', () => {
    expect(checkUpload({ name: 'a.txt', size: FILE_MAX_BYTES })).toBeNull();
  });

  it('refuses a file over 20 MiB before any byte is sent', () => {
    expect(checkUpload({ name: 'big.bin', size: FILE_MAX_BYTES + 1 })).toMatchObject({ code: 'file.too_large' });
  });

  it('refuses a nameless file', () => {
    expect(checkUpload({ name: ' ', size: 1 })).toMatchObject({ code: 'file.empty_name' });
  });
});

describe('progressPercent', () => {
  it('rounds and clamps', () => {
    expect(progressPercent(1, 3)).toBe(33);
    expect(progressPercent(5, 4)).toBe(100);
    expect(progressPercent(0, 0)).toBe(100);
  });
});
