/** The extra-keys row for touch screens, where the on-screen keyboard has no Esc, Tab, Ctrl or arrows. */

export type ExtraKeyId = 'esc' | 'tab' | 'shift-tab' | 'ctrl' | 'up' | 'down' | 'left' | 'right' | 'ctrl-c';

export interface ExtraKey {
  id: ExtraKeyId;
  label: string;
  ariaLabel: string;
}

export const extraKeys: readonly ExtraKey[] = [
  { id: 'esc', label: 'Esc', ariaLabel: 'Escape' },
  { id: 'tab', label: 'Tab', ariaLabel: 'Tab' },
  { id: 'shift-tab', label: '⇧Tab', ariaLabel: 'Shift+Tab' },
  { id: 'ctrl', label: 'Ctrl', ariaLabel: 'Control (applies to the next key)' },
  { id: 'left', label: '←', ariaLabel: 'Left arrow' },
  { id: 'up', label: '↑', ariaLabel: 'Up arrow' },
  { id: 'down', label: '↓', ariaLabel: 'Down arrow' },
  { id: 'right', label: '→', ariaLabel: 'Right arrow' },
  { id: 'ctrl-c', label: '^C', ariaLabel: 'Control+C (interrupt)' },
];

const arrowFinal = { up: 'A', down: 'B', right: 'C', left: 'D' } as const;

/** Bytes a key sends. Arrows follow the terminal's cursor-key mode (`ESC O x` in application mode, as vim sets). */
export function extraKeyData(id: Exclude<ExtraKeyId, 'ctrl'>, applicationCursorKeys: boolean): string {
  switch (id) {
    case 'esc':
      return '\x1b';
    case 'tab':
      return '\t';
    case 'shift-tab':
      return '\x1b[Z';
    case 'ctrl-c':
      return '\x03';
    default:
      return `${applicationCursorKeys ? '\x1bO' : '\x1b['}${arrowFinal[id]}`;
  }
}

/**
 * Applies a sticky Ctrl to typed data: a letter or one of `@[\]^_` becomes its control code, `?` becomes DEL,
 * space becomes NUL. Anything else (several characters, an escape sequence) passes unchanged.
 */
export function withCtrl(data: string): string {
  if (data.length !== 1) return data;
  const c = data.toUpperCase().charCodeAt(0);
  if (c >= 0x40 && c <= 0x5f) return String.fromCharCode(c & 0x1f);
  if (data === '?') return '\x7f';
  if (data === ' ') return '\x00';
  return data;
}
