/**
 * A `session.snapshot` as what to write after `terminal.reset()`: the captured text with `\r\n` line ends (tmux's
 * capture has bare `\n`), then a cursor move. The text ends with the pane's last row (history, if any, above the
 * pane's `rows` rows), so after writing it the cursor sits on the pane's bottom row; the move is relative to
 * that row, which stays right when this terminal has more or fewer rows than the pane had. History lines scroll
 * into xterm's scrollback, so scrolling up in the browser reaches them.
 */
import type { SessionSnapshot } from '@vibecode/schemas';

export function snapshotText(snapshot: Pick<SessionSnapshot, 'text' | 'cursor' | 'rows'>): string {
  const body = snapshot.text.replace(/\r?\n$/, '').replace(/\r?\n/g, '\r\n');
  const up = Math.max(0, snapshot.rows - 1 - snapshot.cursor.y);
  return `${body}${up > 0 ? `\x1b[${up}A` : ''}\x1b[${snapshot.cursor.x + 1}G`;
}
