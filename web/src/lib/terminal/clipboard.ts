/**
 * Copy beyond the browser defaults: Ctrl+Shift+C copies the selection (Ctrl+C must stay an interrupt; pasting
 * with Ctrl+V / Ctrl+Shift+V / the menu already reaches xterm's paste handler), and OSC 52 from tmux and the
 * agents' TUIs writes to the system clipboard when osc52.ts's rule lets it.
 */
import type { Terminal } from '@xterm/xterm';
import { OSC52_MAX_TEXT_BYTES, type Osc52BlockReason, Osc52Gate } from './osc52.ts';

/**
 * What counts as the user's own input: browser events only, never xterm's `onData`, which also carries the
 * answers xterm gives to queries in the output (`ESC [ 6 n` → cursor position), so output could refresh the window
 * for itself. `pointerup` ends a click or a selection drag (a copy in a mouse-driven TUI). Capture phase: xterm
 * stops the propagation of the keys it handles.
 */
const INPUT_EVENTS = ['keydown', 'input', 'paste', 'pointerup'] as const;

const BLOCKED: Record<Osc52BlockReason, string> = {
  no_recent_input: 'Blocked a clipboard write from the terminal output',
  too_large: `Blocked a clipboard write from the terminal: over ${OSC52_MAX_TEXT_BYTES / 1024} KiB`,
};

/**
 * `inputRoot` is the element whose events are this terminal's input (the component, extra keys included);
 * `notice` shows a short message. A blocked write is told once per reason for the component's life, not per write.
 */
export function installClipboard(
  terminal: Terminal,
  inputRoot: HTMLElement,
  notice: (message: string) => void,
): () => void {
  const gate = new Osc52Gate(() => performance.now());
  const onInput = (event: Event) => {
    if (event.isTrusted) gate.userInput();
  };
  for (const type of INPUT_EVENTS) inputRoot.addEventListener(type, onInput, { capture: true });
  const told = new Set<Osc52BlockReason>();
  const osc = terminal.parser.registerOscHandler(52, (data) => {
    const verdict = gate.judge(data);
    if (verdict.kind === 'copy') {
      navigator.clipboard?.writeText(verdict.text).then(
        () => notice('Copied from the terminal'),
        () => notice('The terminal tried to copy, but the browser refused.'),
      );
    } else if (verdict.kind === 'blocked' && !told.has(verdict.reason)) {
      told.add(verdict.reason);
      notice(BLOCKED[verdict.reason]);
    }
    return true;
  });
  terminal.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
    if (event.key.toLowerCase() === 'c' && terminal.hasSelection()) {
      navigator.clipboard?.writeText(terminal.getSelection()).catch(() => notice('Copy was refused by the browser.'));
      return false;
    }
    return true;
  });
  return () => {
    osc.dispose();
    for (const type of INPUT_EVENTS) inputRoot.removeEventListener(type, onInput, { capture: true });
  };
}
