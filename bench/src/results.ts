/**
 * What a bench run produces: one row per measurement, one cell per system. A cell is a number or an explicit
 * "n/a" with the reason, so a missing value is never silent.
 */

export const SYSTEM_IDS = ['vibecode', 'vibecode-direct', 'vibetunnel', 'wetty', 'tmux', 'pty'] as const;
export type SystemId = (typeof SYSTEM_IDS)[number];

/** VibeCode's columns (under `wrangler dev`, and without its proxy): each gets a ratio to the best peer. */
export const SUBJECT_IDS: readonly SystemId[] = ['vibecode', 'vibecode-direct'];

/** The products a user would pick instead of VibeCode; ratios compare against the best of them. */
export const PEER_IDS: readonly SystemId[] = ['vibetunnel', 'wetty'];

/** `note` is shown beside the number (e.g. how a reconnect restored the screen); `detail` only in the JSON. */
export type Cell = { value: number; note?: string; detail?: string } | { na: string };

export interface RowSpec {
  id: string;
  label: string;
  unit: string;
  better: 'lower' | 'higher';
}

export interface Row extends RowSpec {
  cells: Partial<Record<SystemId, Cell>>;
}

export interface SystemInfo {
  id: SystemId;
  label: string;
  /** Version or build, as it ran. */
  version: string;
}

export interface BenchResults {
  startedAt: string;
  durationMs: number;
  /** The checkout measured: commit, and whether it had uncommitted changes. */
  commit: string;
  /** Wall time of each phase (peer install, system start, each measurement), in ms. */
  phases: Record<string, number>;
  machine: {
    cpus: number;
    cpuModel: string;
    memMiB: number;
    node: string;
    kernel: string;
    /** The 1-minute load average when the run started and ended: what else the cores were doing. */
    load: { start: number; end: number };
  };
  systems: SystemInfo[];
  rows: Row[];
  /** Everything that went wrong (a system that did not start, a measurement that threw), in order. */
  errors: string[];
}

export const value = (v: number, note?: string, detail?: string): Cell => ({
  value: v,
  ...(note === undefined ? {} : { note }),
  ...(detail === undefined ? {} : { detail }),
});
export const na = (why: string): Cell => ({ na: why });
export const isValue = (cell: Cell | undefined): cell is Extract<Cell, { value: number }> =>
  cell !== undefined && 'value' in cell;
