/**
 * Copy beyond the browser defaults: Ctrl+Shift+C copies the selection (Ctrl+C must stay an interrupt; pasting
 * with Ctrl+V / Ctrl+Shift+V / the menu already reaches xterm's paste handler), and OSC 52 from tmux and the
 * agents' TUIs writes to the system clipboard.
 */
import type { Terminal } from '@xterm/xterm';
import { parseOsc52 } from './osc52.ts';

export function installClipboard(terminal: Terminal, onError: (message: string) => void): () => void {
  const osc = terminal.parser.registerOscHandler(52, (data) => {
    const text = parseOsc52(data);
    if (text !== null) {
      navigator.clipboard?.writeText(text).catch(() => onError('The terminal tried to copy, but the browser refused.'));
    }
    return true;
  });
  terminal.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
    if (event.key.toLowerCase() === 'c' && terminal.hasSelection()) {
      navigator.clipboard?.writeText(terminal.getSelection()).catch(() => onError('Copy was refused by the browser.'));
      return false;
    }
    return true;
  });
  return () => osc.dispose();
}
