/**
 * OSC 52 (`ESC ] 52 ; <targets> ; <base64> BEL`): tmux and the agents' TUIs set the clipboard this way; xterm's
 * parser hands us `<targets>;<base64>`. Terminal output is untrusted (a `cat`-ed file, `git log`, an agent steered
 * by a prompt injection), and a command planted in the clipboard runs the next time the user pastes into a shell.
 * So a write is accepted only right after the user's own input in this terminal (a copy key in tmux's copy mode,
 * an agent's copy command) and only up to a size; everything else is dropped.
 *
 * Reading the clipboard (`?`) is always refused: a program on the server must not read the user's clipboard.
 */
import { base64ToBytes } from '@vibecode/schemas/encoding';

/**
 * How long after the user's input a write is accepted. It is measured from the keystroke leaving the browser, so it
 * must cover the round trip to the server and back (a few hundred ms on a slow mobile link) and no more: output
 * that arrives later (a long build, a `sleep`, an agent working on its own) did not answer that keystroke.
 */
export const OSC52_INPUT_WINDOW_MS = 1_000;

/**
 * The largest text accepted, in UTF-8 bytes. 256 KiB is ~3,000 full 80-column lines: more than any selection or
 * code block a person copies from a terminal, while a runaway program cannot make the page decode and hold
 * megabytes (xterm's parser itself buffers up to 10 MB of one OSC). Bigger things go through the file download.
 */
export const OSC52_MAX_TEXT_BYTES = 256 * 1024;

/** The base64 length of OSC52_MAX_TEXT_BYTES (rounded up to whole groups): longer payloads are refused undecoded. */
const MAX_PAYLOAD_CHARS = Math.ceil(OSC52_MAX_TEXT_BYTES / 3) * 4;

export type Osc52BlockReason = 'no_recent_input' | 'too_large';

export type Osc52Verdict =
  | { kind: 'copy'; text: string }
  | { kind: 'blocked'; reason: Osc52BlockReason }
  /** A clipboard read, or a payload that is not base64 of UTF-8 text: nothing to write and nothing to say. */
  | { kind: 'ignored' };

/** The rule for one terminal. `now` is a monotonic clock in ms (`performance.now` in the browser). */
export class Osc52Gate {
  readonly #now: () => number;
  #lastInput = Number.NEGATIVE_INFINITY;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** The user typed, pasted or clicked in this terminal. */
  userInput(): void {
    this.#lastInput = this.#now();
  }

  judge(data: string): Osc52Verdict {
    const sep = data.indexOf(';');
    if (sep < 0) return { kind: 'ignored' };
    const payload = data.slice(sep + 1);
    if (payload === '' || payload === '?') return { kind: 'ignored' };
    if (this.#now() - this.#lastInput > OSC52_INPUT_WINDOW_MS) return { kind: 'blocked', reason: 'no_recent_input' };
    if (payload.length > MAX_PAYLOAD_CHARS) return { kind: 'blocked', reason: 'too_large' };
    const bytes = base64ToBytes(payload);
    if (bytes === null) return { kind: 'ignored' };
    if (bytes.length > OSC52_MAX_TEXT_BYTES) return { kind: 'blocked', reason: 'too_large' };
    try {
      return { kind: 'copy', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
      return { kind: 'ignored' };
    }
  }
}
