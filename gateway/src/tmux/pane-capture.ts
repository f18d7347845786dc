/**
 * The two ways the gateway reads a pane, as tmux command lines and what their output means: a viewer's snapshot
 * (history and screen with colours, size and cursor) and the plain visible screen (for viewers without a terminal
 * and the attention watch). Each is one command sequence, so size and text come from the same moment.
 */
import { plainScreenText } from './screen-text.ts';

export interface PaneCapture {
  cols: number;
  rows: number;
  cursor: { x: number; y: number };
  /** The pane's history and screen with colours, lines joined by \r\n, ending with the screen's last row. */
  text: string;
}

/** The visible pane as plain text (screen-text.ts) and its size. */
export interface PaneScreen {
  cols: number;
  rows: number;
  text: string;
}

/** Lines of history a snapshot carries above the screen, and the protocol's bound on its text. */
const SNAPSHOT_HISTORY_LINES = 2000;
const SNAPSHOT_MAX_CHARS = 900_000;

export function snapshotCommand(target: string): string[] {
  return [
    'display-message',
    '-p',
    '-t',
    target,
    '#{pane_width} #{pane_height} #{cursor_x} #{cursor_y}',
    ';',
    'capture-pane',
    '-p',
    '-e',
    '-J',
    '-t',
    target,
    '-S',
    `-${SNAPSHOT_HISTORY_LINES}`,
  ];
}

export function screenCommand(target: string): string[] {
  return [
    'display-message',
    '-p',
    '-t',
    target,
    '#{pane_width} #{pane_height}',
    ';',
    'capture-pane',
    '-p',
    '-t',
    target,
  ];
}

const clampSize = (cols: number, rows: number) => ({
  cols: Math.min(Math.max(cols, 1), 1000),
  rows: Math.min(Math.max(rows, 1), 500),
});

export function parseSnapshot(out: string): PaneCapture {
  const eol = out.indexOf('\n');
  const [cols = 80, rows = 24, x = 0, y = 0] = out.slice(0, eol).split(' ').map(Number);
  const raw = out.slice(eol + 1);
  const lines = raw.endsWith('\n') ? raw.slice(0, -1).split('\n') : raw.split('\n');
  return { ...clampSize(cols, rows), cursor: { x, y }, text: boundSnapshotText(lines) };
}

export function parseScreen(out: string): PaneScreen {
  const eol = out.indexOf('\n');
  const [cols = 80, rows = 24] = out.slice(0, eol).split(' ').map(Number);
  return { ...clampSize(cols, rows), text: plainScreenText(out.slice(eol + 1)) };
}

/** Keeps the last lines of `lines` that fit in `max` characters joined by \r\n, at least the screen's rows. */
export function boundSnapshotText(lines: string[], max: number = SNAPSHOT_MAX_CHARS): string {
  let total = 0;
  let start = lines.length;
  while (start > 0) {
    const next = (lines[start - 1] as string).length + (start === lines.length ? 0 : 2);
    if (total + next > max) break;
    total += next;
    start -= 1;
  }
  if (start === lines.length && lines.length > 0) return (lines[lines.length - 1] as string).slice(-max);
  return lines.slice(start).join('\r\n');
}
