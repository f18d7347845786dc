/**
 * Questions on a screen: what the agents' own prompts look like at the bottom of the pane (the screen rules of
 * issue 17, for what their hooks do not tell). Two shapes are read:
 * - a numbered menu under a question: Claude Code's permission box ("Do you want to proceed?" / "❯ 1. Yes"),
 *   Codex CLI's approval ("Would you like to run the following command?" / "› 1. Yes, proceed (y)"), Gemini CLI's
 *   confirmation ("Allow execution of: 'rm'?" / "● 1. Yes, allow once"). The answer is the option's number alone:
 *   these menus act on the keypress, and an Enter after it would land in whatever the agent shows next;
 * - a line prompt ending in a yes/no hint, "(y/n)", "[Y/n]", "(yes/no)": a shell's `read`, apt, npm init. The
 *   answer is y or n and Enter, which a line prompt needs.
 * Only the bottom of the screen counts: a question higher up has been answered or scrolled past. The selection
 * marker (❯ › ● >) is left out of what identifies the prompt, since moving it with the arrows asks nothing new.
 */
import type { PromptChoice } from '@vibecode/schemas';

export interface ScreenPrompt {
  /** The question with the lines that explain it (the command asked about), as shown. */
  detail: string;
  choices: PromptChoice[];
  /** What the answer types for each choice key. */
  keystrokes: Record<string, string>;
}

/** Rows from the bottom that a live prompt can occupy: menus sit in the last rows, hints under them at most. */
const BOTTOM_ROWS = 16;
/** Rows with text after the last option: a hint ("Press enter to confirm or esc to cancel"), no more. An input box
 * there means the agent is back at its own prompt and the numbers are a list it wrote. */
const TRAILING_ROWS = 1;
/** How far above the first option its question may be (Codex shows the command between them). */
const QUESTION_ROWS = 8;
/** Rows of a box kept above the question (a permission box's tool, command and description). */
const CONTEXT_ROWS = 8;
const MAX_DETAIL = 2000;

const BORDER = /^[\s│┃|╭╮╰╯┌┐└┘─━═║╔╗╚╝]+|[\s│┃|╭╮╰╯┌┐└┘─━═║╔╗╚╝]+$/g;
/** A row inside a box: its left border, then content or nothing (the box's top and rules have no content). */
const BOXED = /^\s*[│┃║]/;
const OPTION = /^(?:[❯›>▶▸●○◉→*]\s*)?(\d{1,2})[.)]\s+(\S.*)$/;
const YES_NO = /[([]\s*(y(?:es)?)\s*\/\s*(n(?:o)?)\s*[)\]]\s*[:?]?\s*$/i;

/** A row without the box drawing around it, trimmed. */
function bare(row: string): string {
  return row.replace(BORDER, '').trim();
}

export function readPrompt(screenText: string): ScreenPrompt | null {
  const rows = screenText.split('\n').slice(-BOTTOM_ROWS);
  return numberedMenu(rows) ?? yesNoLine(rows);
}

function numberedMenu(rows: string[]): ScreenPrompt | null {
  const cleaned = rows.map(bare);
  let last = -1;
  for (let i = cleaned.length - 1; i >= 0; i -= 1) {
    if (OPTION.test(cleaned[i] as string)) {
      last = i;
      break;
    }
  }
  if (last < 0) return null;
  const after = cleaned.slice(last + 1).filter((row) => row !== '');
  if (after.length > TRAILING_ROWS) return null;
  // Options run upwards from the last one down to 1, consecutive; a wrapped label's second row is allowed.
  const options: { number: number; label: string; row: number }[] = [];
  for (let i = last; i >= 0; i -= 1) {
    const match = OPTION.exec(cleaned[i] as string);
    if (match) {
      options.unshift({ number: Number(match[1]), label: (match[2] as string).trim(), row: i });
      if (options[0]?.number === 1) break;
    } else if (cleaned[i] === '' || options.length === 0) {
      return null;
    }
  }
  const numbers = options.map((o) => o.number);
  if (options.length < 2 || numbers.some((n, i) => n !== i + 1)) return null;
  const first = options[0]?.row ?? 0;
  const question = questionAbove(cleaned, rows, first);
  if (question === null) return null;
  const choices = options.map((o) => ({ key: String(o.number), label: o.label.slice(0, 200) }));
  return {
    detail: question,
    choices,
    keystrokes: Object.fromEntries(choices.map((c) => [c.key, c.key])),
  };
}

/**
 * The question a few rows above the first option, with what explains it: the rows between it and the options (Codex
 * puts the command there) and, inside a box, the box's rows above it (Claude Code and Gemini CLI put the tool and
 * its command there). All of it identifies the prompt: two commands asked about with the same words differ here.
 */
function questionAbove(cleaned: string[], rows: string[], firstOption: number): string | null {
  let q = -1;
  for (let i = firstOption - 1; i >= Math.max(0, firstOption - QUESTION_ROWS); i -= 1) {
    if ((cleaned[i] as string).endsWith('?')) {
      q = i;
      break;
    }
  }
  if (q < 0) return null;
  let top = q;
  if (BOXED.test(rows[q] as string)) {
    while (top > 0 && q - top < CONTEXT_ROWS && BOXED.test(rows[top - 1] as string)) top -= 1;
  }
  return cleaned
    .slice(top, firstOption)
    .filter((row) => row !== '')
    .join('\n')
    .slice(0, MAX_DETAIL);
}

function yesNoLine(rows: string[]): ScreenPrompt | null {
  const nonEmpty = rows.map(bare).filter((row) => row !== '');
  const line = nonEmpty.at(-1);
  if (line === undefined || !YES_NO.test(line)) return null;
  return {
    detail: line.slice(0, MAX_DETAIL),
    choices: [
      { key: 'y', label: 'Yes' },
      { key: 'n', label: 'No' },
    ],
    keystrokes: { y: 'y\r', n: 'n\r' },
  };
}
