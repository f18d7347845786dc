import { describe, expect, it } from 'vitest';
import { extraKeyData, extraKeys, withCtrl } from './keys.ts';

describe('extra keys', () => {
  it('has Esc, Tab, Shift+Tab, Ctrl, four arrows and Ctrl-C', () => {
    expect(extraKeys.map((k) => k.id)).toEqual([
      'esc',
      'tab',
      'shift-tab',
      'ctrl',
      'left',
      'up',
      'down',
      'right',
      'ctrl-c',
    ]);
  });

  it('sends the sequences a terminal expects', () => {
    expect(extraKeyData('esc', false)).toBe('\x1b');
    expect(extraKeyData('tab', false)).toBe('\t');
    expect(extraKeyData('shift-tab', false)).toBe('\x1b[Z');
    expect(extraKeyData('ctrl-c', false)).toBe('\x03');
    expect(extraKeyData('up', false)).toBe('\x1b[A');
    expect(extraKeyData('left', false)).toBe('\x1b[D');
  });

  it('sends application-mode arrows when the program asked for them', () => {
    expect(extraKeyData('up', true)).toBe('\x1bOA');
    expect(extraKeyData('right', true)).toBe('\x1bOC');
  });
});

describe('withCtrl', () => {
  it('maps letters of either case and @[\\]^_ to control codes', () => {
    expect(withCtrl('c')).toBe('\x03');
    expect(withCtrl('C')).toBe('\x03');
    expect(withCtrl('a')).toBe('\x01');
    expect(withCtrl('[')).toBe('\x1b');
    expect(withCtrl('@')).toBe('\x00');
    expect(withCtrl('?')).toBe('\x7f');
    expect(withCtrl(' ')).toBe('\x00');
  });

  it('leaves other input unchanged', () => {
    expect(withCtrl('1')).toBe('1');
    expect(withCtrl('ab')).toBe('ab');
    expect(withCtrl('\x1b[A')).toBe('\x1b[A');
  });
});
