/**
 * A session's screen as one Telegram message: the visible text in `<pre>` (HTML, escaped), cut to the bottom lines
 * that fit a message. Telegram counts a message's 4096 characters after parsing, so the tags and escapes do not
 * count, only the text; the bottom is where a terminal's prompt and newest output are.
 */

/** Telegram's limit for a message's text, in UTF-16 units after entity parsing. */
export const MAX_MESSAGE_CHARS = 4096;

/** The bottom lines of `text` that fit one message (the last line's end when that alone is too long). */
export function screenTail(text: string, max = MAX_MESSAGE_CHARS): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  let kept = lines.pop() ?? '';
  if (kept.length > max) return kept.slice(kept.length - max);
  for (let line = lines.pop(); line !== undefined && line.length + 1 + kept.length <= max; line = lines.pop()) {
    kept = `${line}\n${kept}`;
  }
  return kept;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The message for a screen already cut by `screenTail`; a blank screen says so (Telegram refuses empty text). */
export function screenHtml(tail: string, blank: string): string {
  return tail.trim() === '' ? `<i>${escapeHtml(blank)}</i>` : `<pre>${escapeHtml(tail)}</pre>`;
}
