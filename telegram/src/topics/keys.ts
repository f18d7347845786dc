/** The keys `/key <name>` sends, as the bytes an xterm sends for them (cursor keys in normal mode). */
export const KEYS: Readonly<Record<string, string>> = {
  esc: '\x1b',
  tab: '\t',
  'shift-tab': '\x1b[Z',
  enter: '\r',
  'ctrl-c': '\x03',
  'ctrl-d': '\x04',
  up: '\x1b[A',
  down: '\x1b[B',
  left: '\x1b[D',
  right: '\x1b[C',
};

export const KEY_NAMES = Object.keys(KEYS);

/** The bytes for a key's name as the user typed it (any case, surrounding spaces ignored); null for no such key. */
export function keyBytes(name: string): string | null {
  const key = name.trim().toLowerCase();
  return Object.hasOwn(KEYS, key) ? (KEYS[key] ?? null) : null;
}
