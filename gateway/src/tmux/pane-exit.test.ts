import { describe, expect, it } from 'vitest';
import { EXIT_LINE_CHARS, lastLines, signalName } from './pane-exit.ts';

describe('lastLines', () => {
  it('keeps the last non-empty lines, oldest first, without the line tmux draws under a dead pane', () => {
    const raw = 'npm ERR! code ENOTFOUND\n\n   \nvibe: could not install claude\n\nexited (code 1)\n\n\n';
    expect(lastLines(raw)).toEqual(['npm ERR! code ENOTFOUND', 'vibe: could not install claude']);
  });

  it('keeps at most the given number of lines', () => {
    const raw = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    expect(lastLines(raw, 20)).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i + 10}`));
  });

  it('cuts long lines, turns tabs into spaces and drops control characters', () => {
    expect(lastLines(`a\tb\u0007c\r\n${'x'.repeat(EXIT_LINE_CHARS + 5)}`)).toEqual([
      'a bc',
      'x'.repeat(EXIT_LINE_CHARS),
    ]);
  });

  it('is empty for a blank screen', () => {
    expect(lastLines('\n\n  \n')).toEqual([]);
  });
});

describe('signalName', () => {
  it('names the signal tmux reports as a number', () => {
    expect(signalName(9)).toBe('SIGKILL');
    expect(signalName(15)).toBe('SIGTERM');
    expect(signalName(200)).toBe('SIG200');
  });
});
