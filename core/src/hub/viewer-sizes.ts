/**
 * One size per session, the active viewer's (issue 12). tmux can only have one size, and the gateway's one client
 * takes whatever resize came last, so the hub picks: the viewer that typed last (or pressed "Fit to this screen"),
 * else the one that attached last; when it leaves, the next in that order. Only viewers that have told their size
 * take part. The hub sends the gateway a resize only when this choice's size changes, and tells every viewer the
 * session's size so those whose screen fits another one render at it (scaled or scrolled) instead of garbled.
 *
 * Marks are strictly increasing per session (never two alike), so the order holds even when two frames share a
 * millisecond, and it survives hibernation: a mark is written to the viewer's attachment only when it changes the
 * order (a viewer typing while it already ranks first writes nothing, see `inputMark`).
 */

export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface ViewerSizeState {
  id: string;
  /** What fits this viewer's screen, once it has said. */
  size?: TerminalSize | undefined;
  /** When it attached (a mark: `nextMark`). Ranks the viewers that never typed. */
  attachedAt: number;
  /** When it last typed in a way that changed the order, or claimed the size (a mark). Typists rank first. */
  inputAt?: number | undefined;
}

type Sized<T> = T & { size: TerminalSize };

function hasSize<T extends ViewerSizeState>(viewer: T): viewer is Sized<T> {
  return viewer.size !== undefined;
}

/** Whether `a` has a stronger claim on the session's size than `b`. */
function ranksAbove(a: ViewerSizeState, b: ViewerSizeState): boolean {
  if (a.inputAt !== b.inputAt) return (a.inputAt ?? -1) > (b.inputAt ?? -1);
  if (a.attachedAt !== b.attachedAt) return a.attachedAt > b.attachedAt;
  // Only sockets from before marks existed tie; any fixed order will do.
  return a.id > b.id;
}

/** The viewer whose size the session takes: the first in the order among those with a size; null when none has. */
export function activeViewer<T extends ViewerSizeState>(viewers: readonly T[]): Sized<T> | null {
  let best: Sized<T> | null = null;
  for (const viewer of viewers) {
    if (hasSize(viewer) && (best === null || ranksAbove(viewer, best))) best = viewer;
  }
  return best;
}

/** The session's size: the active viewer's, or null while no viewer has told its size. */
export function sessionSize(viewers: readonly ViewerSizeState[]): TerminalSize | null {
  const active = activeViewer(viewers);
  return active === null ? null : { cols: active.size.cols, rows: active.size.rows };
}

/** A mark after every one `viewers` hold and not before `now`: what a new attach or a new first typist gets. */
export function nextMark(viewers: readonly ViewerSizeState[], now: number): number {
  let mark = now;
  for (const viewer of viewers) mark = Math.max(mark, viewer.attachedAt + 1, (viewer.inputAt ?? -1) + 1);
  return mark;
}

/**
 * The input mark to record for viewer `id` typing (or claiming) at `now`, or null when recording one would change
 * nothing: it already ranks first as a typist, or it has no size (it takes no part until it says its size).
 */
export function inputMark(viewers: readonly ViewerSizeState[], id: string, now: number): number | null {
  const viewer = viewers.find((v) => v.id === id);
  if (viewer === undefined || !hasSize(viewer)) return null;
  const active = activeViewer(viewers);
  if (active?.id === id && viewer.inputAt !== undefined) return null;
  return nextMark(viewers, now);
}

export function sameSize(a: TerminalSize | null | undefined, b: TerminalSize | null | undefined): boolean {
  return a?.cols === b?.cols && a?.rows === b?.rows;
}
