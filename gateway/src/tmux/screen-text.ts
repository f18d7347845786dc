/**
 * The visible pane as plain text, for viewers without a terminal (a chat message shows it in a `<pre>`): rows as
 * `capture-pane -p` prints them (no escapes, no -J, so a wrapped line stays two rows as on the screen), trailing
 * spaces and trailing empty rows left out, rows joined by \n.
 */

/** The protocol's bound on session.screen's text (a 1000×500 pane fits unless its cells stack combining marks). */
export const SCREEN_MAX_CHARS = 900_000;

/** `raw` is capture-pane's output: one line per pane row, each ending in \n. */
export function plainScreenText(raw: string, max: number = SCREEN_MAX_CHARS): string {
  const rows = (raw.endsWith('\n') ? raw.slice(0, -1) : raw).split('\n').map((row) => row.replace(/ +$/, ''));
  let end = rows.length;
  while (end > 0 && rows[end - 1] === '') end -= 1;
  // Past the bound the top rows go: the bottom is where the prompt and the newest output are.
  let start = end;
  let total = 0;
  while (start > 0) {
    const next = (rows[start - 1] as string).length + (start === end ? 0 : 1);
    if (total + next > max) break;
    total += next;
    start -= 1;
  }
  if (start === end && end > 0) return (rows[end - 1] as string).slice(-max);
  return rows.slice(start, end).join('\n');
}
