/**
 * xterm.js and its addons, loaded on demand (they are most of the terminal page's weight) and opened on `screen`
 * with VibeCode's look. Null when the chunks cannot load: typically a new version was deployed and this page's
 * chunks are gone, so the page should offer a reload.
 */
import type { FitAddon } from '@xterm/addon-fit';
import type { ITheme, Terminal } from '@xterm/xterm';

export interface LoadedTerminal {
  term: Terminal;
  fit: FitAddon;
}

/** VibeCode's terminal colours; a page may pass its own (the Telegram Mini App passes Telegram's theme). */
export const DEFAULT_THEME: ITheme = {
  background: '#0b1020',
  foreground: '#e5e7eb',
  cursor: '#34d399',
  selectionBackground: '#334155',
};

export async function openXterm(screen: HTMLElement, theme: ITheme = DEFAULT_THEME): Promise<LoadedTerminal | null> {
  const modules = await Promise.all([
    import('@xterm/xterm'),
    import('@xterm/addon-fit'),
    import('@xterm/addon-unicode11'),
    import('@xterm/addon-web-links'),
  ]).catch(() => null);
  if (!modules) return null;
  const [{ Terminal }, { FitAddon }, { Unicode11Addon }, { WebLinksAddon }] = modules;
  const term = new Terminal({
    allowProposedApi: true,
    scrollback: 10_000,
    cursorBlink: true,
    fontFamily: 'ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Noto Sans Mono", monospace',
    fontSize: 14,
    theme,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.loadAddon(new Unicode11Addon());
  term.unicode.activeVersion = '11';
  term.loadAddon(new WebLinksAddon());
  term.open(screen);
  return { term, fit };
}
