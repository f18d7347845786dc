/**
 * The shell every system runs is bash; the bench gives it a known prompt by typing it, as a user could, so "the
 * prompt is back" is the same text everywhere. Typed as `'[be''nch] '`, the echoed command line never contains the
 * prompt itself; markers work the same way (`$((6*7))` is echoed, `42` is only printed).
 */
import type { Viewer } from '../systems/system.ts';

export const PROMPT = '[bench]';
const SET_PROMPT = "PS1='[be''nch] '\r";

/** The bash command line every system runs (VibeCode's gateway runs its own, in tmux). */
export const SHELL_ARGV = ['bash', '--norc', '--noprofile'];

/**
 * Typed at once, without waiting for bash's first prompt: the terminal holds early input until readline reads it,
 * and VibeTunnel can miss the first output of a session whose stream opened at the moment it was written (its file
 * watcher starts after it sized the file), then shows nothing until the next output.
 */
export async function setPrompt(viewer: Viewer, timeoutMs = 30_000): Promise<void> {
  const prompt = viewer.log.waitFor(PROMPT, timeoutMs, 'the bench prompt');
  viewer.send(SET_PROMPT);
  await prompt;
}

let markers = 0;

/** A command that prints a line no echo of it contains; `needle` is that line. */
export function marker(label: string): { command: string; needle: string } {
  markers += 1;
  return { command: `echo ${label}-${markers}-$((6*7))`, needle: `${label}-${markers}-42` };
}
