/**
 * `window.__vibeTerminal`: a read-only view of the mounted terminal for browser tests (Playwright reads the buffer
 * through it). It exposes only what the page already shows. Only test builds (VITE_TERMINAL_TEST_HOOK=1) load this
 * module (see Terminal.svelte); tests import it for the `Window` typing through `@vibecode/web/terminal/testing`.
 */
import type { Terminal } from '@xterm/xterm';
import type { LinkState } from './link-state.ts';
import type { SessionLink } from './session-link.ts';

export interface TerminalTestHook {
  /** Every line of the buffer (scrollback included), right-trimmed. */
  lines(): string[];
  /** The buffer as one string, lines joined with `\n`. */
  buffer(): string;
  cols(): number;
  rows(): number;
  state(): LinkState;
  receivedSeq(): number;
  duplicates(): number;
  /** The column (cell index) where `char` first appears on buffer line `row`, or -1; wide glyphs take two cells. */
  columnOf(row: number, char: string): number;
  /** Scrolls the viewport to the top of the scrollback; returns the first visible line. */
  scrollToTop(): string;
  /** The screen's rows (below the scrollback), right-trimmed, and the cursor on it. */
  screen(): { lines: string[]; cursor: { x: number; y: number } };
}

declare global {
  interface Window {
    __vibeTerminal?: TerminalTestHook;
  }
}

export function installTestHook(terminal: Terminal, link: SessionLink): () => void {
  const lines = () => {
    const buffer = terminal.buffer.active;
    const out: string[] = [];
    for (let i = 0; i < buffer.length; i++) out.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return out;
  };
  const hook: TerminalTestHook = {
    lines,
    buffer: () => lines().join('\n'),
    cols: () => terminal.cols,
    rows: () => terminal.rows,
    state: () => link.state,
    receivedSeq: () => link.receivedSeq,
    duplicates: () => link.stats.duplicates,
    columnOf: (row, char) => {
      const line = terminal.buffer.active.getLine(row);
      for (let x = 0; line && x < line.length; x++) if (line.getCell(x)?.getChars() === char) return x;
      return -1;
    },
    screen: () => {
      const buffer = terminal.buffer.active;
      const rows: string[] = [];
      for (let y = 0; y < terminal.rows; y++)
        rows.push(buffer.getLine(buffer.baseY + y)?.translateToString(true) ?? '');
      return { lines: rows, cursor: { x: buffer.cursorX, y: buffer.cursorY } };
    },
    scrollToTop: () => {
      terminal.scrollToTop();
      return terminal.buffer.active.getLine(terminal.buffer.active.viewportY)?.translateToString(true) ?? '';
    },
  };
  window.__vibeTerminal = hook;
  return () => {
    if (window.__vibeTerminal === hook) delete window.__vibeTerminal;
  };
}
