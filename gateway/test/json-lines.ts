/** Collects a process's JSON log lines as they arrive; a line that is not JSON is kept as `{raw}`. Test-only code. */
import type { Readable } from 'node:stream';

export function collectJsonLines(stream: Readable | null, into: Record<string, unknown>[]): void {
  let partial = '';
  stream?.on('data', (d: Buffer) => {
    partial += d.toString('utf8');
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        into.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        into.push({ raw: line });
      }
    }
  });
}
