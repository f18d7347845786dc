import { describe, expect, it } from 'vitest';
import { KEY_NAMES, keyBytes } from './keys.ts';

describe('keyBytes', () => {
  it("gives an xterm's bytes for each key", () => {
    expect(Object.fromEntries(KEY_NAMES.map((name) => [name, keyBytes(name)]))).toEqual({
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
    });
  });

  it('takes any case and surrounding spaces, and nothing else', () => {
    expect(keyBytes(' Ctrl-C ')).toBe('\x03');
    expect(keyBytes('')).toBeNull();
    expect(keyBytes('toString')).toBeNull();
    expect(keyBytes('f1')).toBeNull();
  });
});
