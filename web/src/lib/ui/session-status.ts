/**
 * A session's status in the words the list and the session page share (issue 12): "running", "exited (code 3)",
 * "stopped: server powered off". The same reason ("code 3", "signal SIGKILL") as the terminal's pill.
 */
import type { Session } from '@vibecode/schemas';
import { exitReason, type LinkExit, type LinkState } from '../terminal/link-state.ts';

export const STOPPED_TEXT = 'stopped: server powered off';

/** "exited (code 3)", or "exited" when how is not known. */
export function exitedText(exit: Pick<LinkExit, 'code' | 'signal'> | null): string {
  return exit ? `exited (${exitReason(exit)})` : 'exited';
}

export function sessionStatusText(session: Pick<Session, 'status' | 'exit'>): string {
  if (session.status === 'exited') return exitedText(session.exit);
  if (session.status === 'stopped') return STOPPED_TEXT;
  return session.status;
}

/** A shell's own goodbye, which says nothing about why: the line before it does. */
const FAREWELL = /^(exit|logout)$/;

/** The line that best says why the program ended: the last one it printed, past a shell's "exit". */
export function reasonLine(lines: readonly string[]): string | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = (lines[i] as string).trim();
    if (line !== '' && !FAREWELL.test(line)) return line;
  }
  return null;
}

/** Sessions whose program does not run but that can: Restart and End are offered for them. */
export function isRestartable(session: Pick<Session, 'status'>): boolean {
  return session.status === 'exited' || session.status === 'stopped';
}

/**
 * What the session page says about an ended program: the live link's word once it has one (it hears the exit and the
 * restart as they happen), the page's data until then. Null while the program runs.
 */
export function pageExit(
  session: Pick<Session, 'status' | 'exit'>,
  link: Pick<LinkState, 'status' | 'exit'> | null,
): { kind: 'exited'; exit: LinkExit | null } | { kind: 'stopped' } | null {
  if (session.status === 'stopped') return { kind: 'stopped' };
  if (link && link.status !== 'connecting')
    return link.status === 'exited' ? { kind: 'exited', exit: link.exit } : null;
  return session.status === 'exited' ? { kind: 'exited', exit: session.exit } : null;
}
