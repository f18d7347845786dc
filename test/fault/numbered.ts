/** Output a shell loop numbers, read back from a terminal's text. */

/**
 * The numbers of the `tag-N` lines in `screen`, in order. The loop computes N in the shell, so the command line the
 * terminal echoes (`tag-$i`) never matches: only the program's output does.
 */
export function numbered(screen: string, tag: string): number[] {
  return [...screen.matchAll(new RegExp(`${tag}-(\\d+)`, 'g'))].map((m) => Number(m[1]));
}

/** Whether `numbers` are 1, 2, 3 … with none missing and none twice. */
export function countsFromOne(numbers: readonly number[]): boolean {
  return numbers.every((n, i) => n === i + 1);
}
