/**
 * Dead panes (remain-on-exit): which sessions' programs ended and how, the last lines that explain it, and
 * running the program again in place.
 */
import { constants } from 'node:os';
import type { Tmux } from './tmux.ts';

export interface PaneExit {
  /** The exit status; null when a signal ended the program. */
  code: number | null;
  /** The signal's name, e.g. SIGKILL, or null. */
  signal: string | null;
}

/** Lines the hub gets about an exit, and the length of each (the protocol's bounds). */
export const EXIT_LINES = 20;
export const EXIT_LINE_CHARS = 1000;
/** History read to find them: enough for 20 non-empty lines under a screen of blank ones. */
const EXIT_CAPTURE_LINES = 200;
/** The line older gateways' config had tmux draw under a dead pane: panes that died then still show it. */
const TMUX_EXIT_LINE = /^exited \((code \d+|signal \d+)\)$/;

const signalNames = new Map<number, string>(Object.entries(constants.signals).map(([name, n]) => [n, name]));

/** `#{pane_dead_signal}` is a number; the wire carries the name. */
export function signalName(n: number): string {
  return signalNames.get(n) ?? `SIG${n}`;
}

export interface PaneScan {
  /** Sessions (by tmux name) whose program ended, with how. */
  exits: Map<string, PaneExit>;
  /**
   * A pane is dead (its terminal closed) but tmux has not reaped its program, so no status and no pane-died yet.
   * tmux 3.3a can miss that SIGCHLD (seen here about one death in four under load); it reaps at its next one.
   */
  unreaped: boolean;
}

/** The dead panes, from one `list-panes -a`; undefined when no server runs. */
export async function scanPanes(tmux: Tmux): Promise<PaneScan | undefined> {
  const r = await tmux.run([
    'list-panes',
    '-a',
    '-F',
    '#{session_name}\t#{pane_dead}\t#{pane_dead_status}\t#{pane_dead_signal}',
  ]);
  if (r.code !== 0) return undefined;
  const scan: PaneScan = { exits: new Map(), unreaped: false };
  for (const line of r.stdout.split('\n')) {
    const [name = '', isDead = '', status = '', signal = ''] = line.split('\t');
    if (isDead !== '1') continue;
    const signalled = /^[1-9]\d*$/.test(signal);
    if (!signalled && !/^\d+$/.test(status)) {
      scan.unreaped = true;
      continue;
    }
    scan.exits.set(name, {
      code: signalled ? null : Number(status),
      signal: signalled ? signalName(Number(signal)) : null,
    });
  }
  return scan;
}

/** Makes the server reap: a child of its own that exits brings the SIGCHLD it missed (and so the pane-died hook). */
export async function reap(tmux: Tmux): Promise<void> {
  await tmux.run(['run-shell', 'true']);
}

/** The last non-empty lines of a capture (no escapes), oldest first, bounded, without tmux's own exit line. */
export function lastLines(raw: string, max = EXIT_LINES): string[] {
  const lines: string[] = [];
  for (const line of raw.split('\n').reverse()) {
    // Control characters would only garble the one-line notice; tabs become spaces.
    const clean = line
      .replaceAll('\t', ' ')
      .replace(/\p{Cc}/gu, '')
      .trimEnd();
    if (clean === '' || TMUX_EXIT_LINE.test(clean)) continue;
    lines.push(clean.length > EXIT_LINE_CHARS ? clean.slice(0, EXIT_LINE_CHARS) : clean);
    if (lines.length === max) break;
  }
  return lines.reverse();
}

/** The lines that explain an exit: the end of the dead pane's screen and history. */
export async function exitLines(tmux: Tmux, name: string): Promise<string[]> {
  const r = await tmux.run(['capture-pane', '-p', '-J', '-t', `=${name}:`, '-S', `-${EXIT_CAPTURE_LINES}`]);
  return r.code === 0 ? lastLines(r.stdout) : [];
}

/**
 * Runs the pane's program again (its first command, or the default shell) in the workdir. `-k` because tmux
 * refuses to respawn a pane it thinks is alive; callers only restart a pane they saw dead.
 */
export async function respawn(tmux: Tmux, name: string, workdir: string, sessionNumber: number): Promise<void> {
  await tmux.mustRun(
    ['respawn-pane', '-k', '-t', `=${name}:`, '-c', workdir, '-e', `VIBE_SESSION_ID=${sessionNumber}`],
    'session.restart_failed',
  );
}

/** Whether the session's pane is dead now (false when the session or server is gone). */
export async function isPaneDead(tmux: Tmux, name: string): Promise<boolean> {
  const r = await tmux.run(['display-message', '-p', '-t', `=${name}:`, '#{pane_dead}']);
  return r.code === 0 && r.stdout.trim() === '1';
}
