import { describe, expect, it } from 'vitest';
import { boundSnapshotText, parseScreen, parseSnapshot } from './pane-capture.ts';

describe('boundSnapshotText', () => {
  it('joins lines with CRLF', () => {
    expect(boundSnapshotText(['a', 'b', 'c'])).toBe('a\r\nb\r\nc');
  });

  it('drops the oldest lines to fit, keeping the newest', () => {
    expect(boundSnapshotText(['aaaa', 'bbbb', 'cc'], 9)).toBe('bbbb\r\ncc');
  });

  it('cuts a single oversized line from the front', () => {
    expect(boundSnapshotText(['abcdefgh'], 3)).toBe('fgh');
  });
});

describe('parseSnapshot', () => {
  it('reads size and cursor from the first line and keeps the rest as the text, joined by CRLF', () => {
    expect(parseSnapshot('80 24 2 1\n\x1b[31mone\x1b[39m\nab\n')).toEqual({
      cols: 80,
      rows: 24,
      cursor: { x: 2, y: 1 },
      text: '\x1b[31mone\x1b[39m\r\nab',
    });
  });

  it('keeps a size tmux could not have meant within bounds', () => {
    expect(parseSnapshot('0 9999 0 0\nx\n')).toMatchObject({ cols: 1, rows: 500 });
  });
});

describe('parseScreen', () => {
  it('reads the size and the plain rows', () => {
    expect(parseScreen('100 30\n$ ls\n\n')).toEqual({ cols: 100, rows: 30, text: '$ ls' });
  });
});
