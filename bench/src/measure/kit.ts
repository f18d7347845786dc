/**
 * The shape every measurement shares: it fills some rows for each system, in a fresh shell of its own, and a
 * failure on one system becomes "n/a (failed: …)" in that system's cells and a line in the run's errors, never a
 * stopped run.
 */
import { type Cell, na, type SystemId } from '../results.ts';
import type { Shell, System } from '../systems/system.ts';

export type Cells = Record<string, Cell>;

export interface Context {
  /** The bench's temp folder (removed after the run). */
  workdir: string;
  /** The 50 MiB text file `cat` prints. */
  bigFile: string;
  say(line: string): void;
  error(line: string): void;
}

export interface Measurement {
  name: string;
  /** The row ids it fills. */
  rows: readonly string[];
  /** Runs on systems stopped and started anew, so nothing an earlier measurement left behind is counted. */
  freshSystems?: boolean;
  run(systems: readonly System[], ctx: Context): Promise<Map<SystemId, Cells>>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

export function fill(rows: readonly string[], cell: Cell): Cells {
  return Object.fromEntries(rows.map((row) => [row, cell]));
}

/** Runs `fn` for each system, one after the other (so they never compete for the two cores). */
export function eachSystem(
  name: string,
  rows: readonly string[],
  fn: (system: System, ctx: Context) => Promise<Cells>,
): Measurement {
  return {
    name,
    rows,
    run: async (systems, ctx) => {
      const out = new Map<SystemId, Cells>();
      for (const system of systems) {
        ctx.say(`${name}: ${system.label}`);
        try {
          out.set(system.id, await fn(system, ctx));
        } catch (error) {
          ctx.error(`${name} on ${system.label}: ${message(error)}`);
          out.set(system.id, fill(rows, na(`failed: ${message(error)}`)));
        }
      }
      return out;
    },
  };
}

/** A fresh shell for the duration of `fn`, closed whatever happens. */
export async function withShell<T>(system: System, fn: (shell: Shell) => Promise<T>): Promise<T> {
  const shell = await system.openShell();
  try {
    return await fn(shell);
  } finally {
    await shell.close().catch(() => undefined);
  }
}

export const now = () => performance.now();
