/** The structured log lines written while a test runs (console.log is spied on until `vi.restoreAllMocks()`). */
import { vi } from 'vitest';

export function captureLogs(): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => entries.push(JSON.parse(line)));
  return entries;
}
