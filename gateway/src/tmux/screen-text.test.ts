import { describe, expect, it } from 'vitest';
import { plainScreenText } from './screen-text.ts';

describe('plainScreenText', () => {
  it('keeps rows as rows, joined by \\n, with inner empty rows and inner spaces', () => {
    expect(plainScreenText('$ ls\n\na  b\n$\n')).toBe('$ ls\n\na  b\n$');
  });

  it('trims trailing spaces of each row and drops trailing empty rows', () => {
    expect(plainScreenText('one   \n  two  \n   \n\n\n')).toBe('one\n  two');
  });

  it('gives an empty text for a blank screen', () => {
    expect(plainScreenText('\n\n\n')).toBe('');
    expect(plainScreenText('')).toBe('');
  });

  it('drops the top rows past the bound, keeping the bottom ones', () => {
    expect(plainScreenText('aaaa\nbbbb\ncc\n', 7)).toBe('bbbb\ncc');
  });

  it('cuts a single oversized bottom row from the front', () => {
    expect(plainScreenText('abcdefgh\n', 3)).toBe('fgh');
  });
});
