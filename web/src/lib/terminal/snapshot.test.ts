import { describe, expect, it } from 'vitest';
import { snapshotText } from './snapshot.ts';

describe('snapshotText', () => {
  it('turns bare newlines into CRLF and ends with the cursor column (1-based) on the bottom row', () => {
    expect(snapshotText({ text: '$ ls\na b\n$ ', rows: 3, cursor: { x: 2, y: 2 } })).toBe('$ ls\r\na b\r\n$ \x1b[3G');
  });

  it('moves up from the pane bottom when the cursor is higher (a TUI with a status line below)', () => {
    expect(snapshotText({ text: 'edit\nmore\n\nstatus', rows: 4, cursor: { x: 4, y: 1 } })).toBe(
      'edit\r\nmore\r\n\r\nstatus\x1b[2A\x1b[5G',
    );
  });

  it('keeps a blank bottom row: the rows stay where tmux has them, and the cursor goes to that row', () => {
    expect(snapshotText({ text: 'one\ntwo\n', rows: 3, cursor: { x: 0, y: 2 } })).toBe('one\r\ntwo\r\n\x1b[1G');
  });

  it('leaves CRLF alone and keeps escape sequences', () => {
    expect(snapshotText({ text: '\x1b[31mred\x1b[0m\r\nx', rows: 2, cursor: { x: 1, y: 1 } })).toBe(
      '\x1b[31mred\x1b[0m\r\nx\x1b[2G',
    );
  });
});
