/**
 * The terminal's size in the page (the DOM side of `session-size.ts`): measures what fits the screen box (again on
 * every box resize), reports it to the hub, and gives xterm the session's size — filling the box when that is this
 * screen's, else scaled down (CSS transform, aspect kept) or scrolled at full size.
 */
import type { FitAddon } from '@xterm/addon-fit';
import type { Terminal } from '@xterm/xterm';
import { type Box, SessionSize, screenLayout, type TerminalSize } from './session-size.ts';

export interface FitViewOptions {
  term: Terminal;
  fit: FitAddon;
  /** The box xterm was opened in. */
  screen: HTMLElement;
  /** Tells the hub what fits this screen; `claim` makes it the session's size. */
  report(size: TerminalSize, claim: boolean): void;
  /** Whether the terminal fills this screen; when not, "Fit to this screen" is offered. */
  onFollowing(following: boolean): void;
}

/** The width xterm keeps for its scrollbar beside the rows (FitAddon leaves it out of the columns too). */
const SCROLLBAR_PX = 14;

export class FitView {
  readonly #options: FitViewOptions;
  readonly #sizes = new SessionSize();
  readonly #observer: ResizeObserver;
  #following = true;
  #frame = 0;

  constructor(options: FitViewOptions) {
    this.#options = options;
    this.#observer = new ResizeObserver(() => {
      cancelAnimationFrame(this.#frame);
      this.#frame = requestAnimationFrame(() => this.refit());
    });
    this.#observer.observe(options.screen);
    this.refit();
  }

  /** Measures what fits the box now, tells the hub, and renders accordingly. */
  refit(): void {
    const proposed = this.#measure();
    if (proposed === null) return;
    this.#sizes.fitted(proposed);
    this.#options.report(proposed, false);
    this.#apply();
  }

  /** The hub said the session's size. */
  session(size: TerminalSize): void {
    this.#sizes.session(size);
    this.#apply();
  }

  /** "Fit to this screen": this viewer's size becomes the session's. */
  claim(): void {
    const proposed = this.#measure();
    if (proposed === null) return;
    this.#sizes.fitted(proposed);
    this.#sizes.claimed();
    this.#options.report(proposed, true);
    this.#apply();
  }

  dispose(): void {
    this.#observer.disconnect();
    cancelAnimationFrame(this.#frame);
  }

  /** What fits the box, measured without the scrollbars a scrolled session's size gives it. */
  #measure(): TerminalSize | null {
    const { screen, fit } = this.#options;
    const overflow = screen.style.overflow;
    screen.style.overflow = 'hidden';
    const proposed = fit.proposeDimensions();
    screen.style.overflow = overflow;
    if (proposed === undefined || !Number.isFinite(proposed.cols) || !Number.isFinite(proposed.rows)) return null;
    return { cols: proposed.cols, rows: proposed.rows };
  }

  #apply(): void {
    const { term } = this.#options;
    const target = this.#sizes.target;
    if (target === null) return;
    if (term.cols !== target.cols || term.rows !== target.rows) term.resize(target.cols, target.rows);
    this.#place();
    const following = this.#sizes.following;
    if (following !== this.#following) {
      this.#following = following;
      this.#options.onFollowing(following);
    }
  }

  /** Fills the box, or shows the session's size scaled down or scrolled. */
  #place(): void {
    const { term, screen } = this.#options;
    const element = term.element;
    const rows = element?.querySelector<HTMLElement>('.xterm-screen');
    if (element === undefined || rows === null || rows === undefined) return;
    if (this.#sizes.following) {
      element.style.width = '';
      element.style.transform = '';
      screen.style.overflow = '';
      return;
    }
    // xterm sizes its rows' element for its columns and rows as it resizes; the box is the screen's content box.
    const natural: Box = { width: rows.offsetWidth + SCROLLBAR_PX, height: rows.offsetHeight };
    const style = getComputedStyle(screen);
    const box: Box = {
      width: screen.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight),
      height: screen.clientHeight - Number.parseFloat(style.paddingTop) - Number.parseFloat(style.paddingBottom),
    };
    const layout = screenLayout(natural, box);
    element.style.width = `${natural.width}px`;
    element.style.transformOrigin = '0 0';
    element.style.transform = layout.scroll ? '' : `scale(${layout.scale})`;
    screen.style.overflow = layout.scroll ? 'auto' : 'hidden';
  }
}
