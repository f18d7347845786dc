/**
 * How this viewer renders a session that has one size for all its viewers (issue 12): the size of the viewer that
 * typed last (the hub decides and says so with `session.size`). When that is the size that fits this screen, the
 * terminal fills its box as usual. Otherwise the terminal takes the session's size — a terminal of another size
 * would wrap every line tmux draws, garbling the screen — and is scaled down to fit its box, or scrolled when
 * scaling would make the text too small to read; "Fit to this screen" then makes this viewer the active one.
 * Pure: the DOM side is `fit-view.ts`.
 */

export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface Box {
  width: number;
  height: number;
}

/** Below this the 14 px font is under 7 px: scrolling at full size reads better than a smaller scale. */
export const MIN_READABLE_SCALE = 0.5;

const same = (a: TerminalSize | null, b: TerminalSize | null) => a?.cols === b?.cols && a?.rows === b?.rows;

/** What fits this screen, what the session has, and so what the terminal's size must be. */
export class SessionSize {
  #fitted: TerminalSize | null = null;
  #session: TerminalSize | null = null;

  /**
   * The size that fits this screen now. While this viewer's size is the session's it is taken to stay so: the hub
   * answers the resize this causes with the same size, and rendering the old size scaled until then would flicker
   * on every step of a window being dragged. The hub's answer corrects it when another viewer has become active.
   */
  fitted(size: TerminalSize): void {
    if (this.following && this.#session !== null) this.#session = { ...size };
    this.#fitted = { ...size };
  }

  /** The session's size, as the hub said. */
  session(size: TerminalSize): void {
    this.#session = { ...size };
  }

  /** This viewer claimed the session's size ("Fit to this screen"); the hub's answer follows. */
  claimed(): void {
    if (this.#fitted !== null) this.#session = { ...this.#fitted };
  }

  /** The size the terminal must have: the session's once known, else what fits this screen. */
  get target(): TerminalSize | null {
    return this.#session ?? this.#fitted;
  }

  /** Whether the terminal fills this screen (as usual), rather than showing another screen's size. */
  get following(): boolean {
    return this.#session === null || same(this.#session, this.#fitted);
  }
}

export interface ScreenLayout {
  /** CSS scale for the terminal (≤ 1: never enlarged). */
  scale: number;
  /** Shown at full size and scrolled in its box instead. */
  scroll: boolean;
}

/** How a terminal of `term` pixels is shown in a box of `box` pixels: as it is, scaled down to fit, or scrolled. */
export function screenLayout(term: Box, box: Box): ScreenLayout {
  if (term.width <= 0 || term.height <= 0 || box.width <= 0 || box.height <= 0) return { scale: 1, scroll: false };
  const scale = Math.min(1, box.width / term.width, box.height / term.height);
  return scale >= MIN_READABLE_SCALE ? { scale, scroll: false } : { scale: 1, scroll: true };
}
