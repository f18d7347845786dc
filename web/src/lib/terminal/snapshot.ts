/**
 * A `session.snapshot` as what to write after `terminal.reset()`: the captured rows with `\r\n` between them (tmux's
 * capture has bare `\n`), then a cursor move. The text's last row is the pane's bottom row (history, if any, above
 * the pane's `rows` rows) — a text that ends in a newline ends with a blank bottom row, which must be written too, or
 * every row would sit one higher than tmux has it and the next redraw would overwrite the top one. After writing it
 * the cursor sits on the pane's bottom row; the move is relative to that row, which stays right when this terminal
 * has more or fewer rows than the pane had. History rows scroll into xterm's scrollback, so scrolling up in the
 * browser reaches them.
 */
import type { SessionSnapshot } from '@vibecode/schemas';

export function snapshotText(snapshot: Pick<SessionSnapshot, 'text' | 'cursor' | 'rows'>): string {
  const body = snapshot.text.replace(/\r?\n/g, '\r\n');
  const up = Math.max(0, snapshot.rows - 1 - snapshot.cursor.y);
  return `${body}${up > 0 ? `\x1b[${up}A` : ''}\x1b[${snapshot.cursor.x + 1}G`;
}
