/**
 * `session.input.data` holds at most 65,536 characters, so a large paste goes out as several messages, split
 * between UTF-16 code units that do not break a surrogate pair (an emoji never arrives as two halves).
 */
export const MAX_INPUT_CHARS = 65_536;

export function chunkInput(data: string, max: number = MAX_INPUT_CHARS): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < data.length) {
    let end = Math.min(start + max, data.length);
    const last = data.charCodeAt(end - 1);
    if (end < data.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(data.slice(start, end));
    start = end;
  }
  return chunks;
}
