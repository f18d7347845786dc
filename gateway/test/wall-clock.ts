/**
 * A process's wall clock moved without touching the host's: libfaketime (Debian's `libfaketime`) preloaded into
 * the process re-reads an offset from a file on every clock read, so writing `+2h` to the file jumps the process's
 * wall clock two hours forward at once. The monotonic clock, which timers run on, is left alone, as a real NTP step
 * leaves it. Test-only code.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LIBRARY_DIRS = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib'];

export interface WallClock {
  /** The environment that puts a process on this clock. */
  env: Record<string, string>;
  /** Sets the offset from the real time, in libfaketime's syntax: `+0`, `+2h`, `-30m`. */
  set(offset: string): void;
}

export function wallClock(dir: string): WallClock {
  const library = LIBRARY_DIRS.map((d) => join(d, 'faketime', 'libfaketime.so.1')).find((p) => existsSync(p));
  if (!library) throw new Error('libfaketime is missing: apt-get install libfaketime (scripts/system-packages.mjs)');
  const file = join(dir, 'faketime');
  // Renamed into place: the process never reads a half-written offset.
  const set = (offset: string) => {
    writeFileSync(`${file}.next`, `${offset}\n`);
    renameSync(`${file}.next`, file);
  };
  set('+0');
  return {
    env: {
      LD_PRELOAD: library,
      FAKETIME_TIMESTAMP_FILE: file,
      FAKETIME_NO_CACHE: '1',
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
    },
    set,
  };
}
