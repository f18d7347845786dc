/**
 * OSC 52 (`ESC ] 52 ; <targets> ; <base64> BEL`): tmux and the agents' TUIs set the clipboard this way. xterm's
 * parser hands us `<targets>;<base64>`. Reading the clipboard (`?`) is refused: a program on the server must not
 * be able to read the user's clipboard.
 */
export function parseOsc52(data: string): string | null {
  const sep = data.indexOf(';');
  if (sep < 0) return null;
  const payload = data.slice(sep + 1);
  if (payload === '' || payload === '?') return null;
  try {
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
