import { describe, expect, it } from 'vitest';
import { type ControlBlock, ControlReader, commandLine } from './control-protocol.ts';

const blocksOf = (...chunks: string[]) => {
  const blocks: ControlBlock[] = [];
  const reader = new ControlReader((block) => blocks.push(block));
  for (const chunk of chunks) reader.push(chunk);
  return blocks;
};

describe('commandLine', () => {
  it('quotes every argument and leaves a lone ; bare to separate the commands', () => {
    expect(commandLine(['display-message', '-p', '#{pane_width}', ';', 'capture-pane', '-t', '=a:'])).toEqual({
      line: "'display-message' '-p' '#{pane_width}' ; 'capture-pane' '-t' '=a:'\n",
      commands: 2,
    });
  });

  it("closes, escapes and reopens the quotes around a quote of the argument's own", () => {
    expect(commandLine(["it's"])?.line).toBe("'it'\\''s'\n");
  });

  it('refuses an argument with a line break, which would end the line early', () => {
    expect(commandLine(['display-message', '-p', 'a\nb'])).toBeNull();
    expect(commandLine(['display-message', '-p', 'a\rb'])).toBeNull();
  });
});

describe('ControlReader', () => {
  it("hands on the blocks of the client's own commands, not the attach's or the notifications", () => {
    expect(
      blocksOf(
        '%begin 1796584605 266 0\n%end 1796584605 266 0\n%session-changed $0 a\n',
        '%begin 1796584605 271 1\n80 24 18 3\n%end 1796584605 271 1\n%sessions-changed\n',
        "%begin 1796584605 272 1\ncan't find session: b\n%error 1796584605 272 1\n%exit\n",
      ),
    ).toEqual([
      { ok: true, lines: ['80 24 18 3'] },
      { ok: false, lines: ["can't find session: b"] },
    ]);
  });

  it('joins lines split across reads and keeps empty ones', () => {
    expect(blocksOf('%begin 1 7 1\nfir', 'st\n\n\x1b[31mred\x1b[39m\n%en', 'd 1 7 1\n')).toEqual([
      { ok: true, lines: ['first', '', '\x1b[31mred\x1b[39m'] },
    ]);
  });

  it("keeps a pane line that looks like a guard as output: only the block's own %end closes it", () => {
    expect(blocksOf('%begin 1 8 1\n%end 1 2 3\n%begin 1 9 1\n%end 1 8 1\n')).toEqual([
      { ok: true, lines: ['%end 1 2 3', '%begin 1 9 1'] },
    ]);
  });
});
