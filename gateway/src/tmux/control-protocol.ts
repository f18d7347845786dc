/**
 * tmux's control mode (`tmux -C`, "Control mode" in tmux(1)) as the gateway speaks it: a command sequence goes out as
 * one line, quoted for tmux's own parser; each command of it comes back as one block of output lines between
 * `%begin <time> <number> <flags>` and `%end` (or `%error`) with the same time, number and flags. Flags 1 marks a
 * command the client sent; the client's own `attach-session` answers with flags 0. Everything outside a block is a
 * notification (`%session-changed`, `%exit`, …), which the gateway does not use. A failed command ends its sequence:
 * tmux skips the commands after it, so a sequence's answer is complete at its first `%error`.
 */

export interface ControlBlock {
  ok: boolean;
  /** The command's output lines, each without its line feed. */
  lines: string[];
}

/**
 * One argument as tmux's parser reads it back unchanged: in single quotes nothing is special, and a quote inside
 * closes them, adds an escaped quote and opens them again. A lone `;` stays bare: it separates commands, as it does
 * in tmux's argv.
 */
function quoteArgument(arg: string): string {
  return arg === ';' ? ';' : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/**
 * The control-mode line for a command sequence given as tmux's argv would take it (`[cmd, ...args, ';', cmd, …]`),
 * and how many answers it gets; null when an argument holds a line break, which no line can carry.
 */
export function commandLine(args: readonly string[]): { line: string; commands: number } | null {
  if (args.some((arg) => arg.includes('\n') || arg.includes('\r'))) return null;
  return {
    line: `${args.map(quoteArgument).join(' ')}\n`,
    commands: args.filter((arg) => arg === ';').length + 1,
  };
}

const GUARD = /^%(begin|end|error) (\d+) (\d+) (\d+)$/;

/**
 * Splits a control client's output into the blocks of the commands it sent, in order. Lines are fed as they arrive;
 * a block's lines are the command's output, even one that looks like a guard: only `%end`/`%error` with the
 * block's own time, number and flags closes it.
 */
export class ControlReader {
  private partial = '';
  private open: { key: string; ours: boolean; lines: string[] } | undefined;

  constructor(private readonly onBlock: (block: ControlBlock) => void) {}

  /** Text as read from the client's stdout (decoded as UTF-8 across chunk boundaries). */
  push(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  private line(line: string): void {
    const guard = GUARD.exec(line);
    const open = this.open;
    if (open === undefined) {
      if (guard?.[1] === 'begin') this.open = { key: guard.slice(2).join(' '), ours: guard[4] === '1', lines: [] };
      return;
    }
    if (guard !== null && guard[1] !== 'begin' && guard.slice(2).join(' ') === open.key) {
      this.open = undefined;
      if (open.ours) this.onBlock({ ok: guard[1] === 'end', lines: open.lines });
      return;
    }
    open.lines.push(line);
  }
}
