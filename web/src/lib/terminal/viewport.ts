/**
 * The box a full-screen terminal fills on a phone: the visual viewport, the part of the page the person sees.
 *
 * When the on-screen keyboard opens, iOS Safari and Chrome for Android (since 108, `interactive-widget=
 * resizes-visual`) shrink only the visual viewport and may pan it (`offsetTop`); the layout viewport, which
 * `position: fixed`, `100dvh` and media queries measure, stays as it was, so a view sized by CSS alone ends under
 * the keyboard. Browsers that shrink the layout viewport instead (resizes-content, Firefox for Android) report the
 * same size through `visualViewport` too, so following it serves both. Pinch zoom shrinks it as well: the terminal
 * then refits to the zoomed area, which reads as larger text, and stays whole on screen.
 */

export interface ViewportBox {
  top: number;
  left: number;
  width: number;
  height: number;
}

/** What is read of `window.visualViewport`. */
export interface VisualViewportLike extends EventTarget {
  readonly offsetTop: number;
  readonly offsetLeft: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Phones, either way up: narrow, or short (a phone in landscape). Media queries see the layout viewport, which the
 * keyboard may leave alone, so this decides the layout, never the size.
 */
export const PHONE_QUERY = '(max-width: 40rem), (max-height: 30rem)';

/**
 * The visible box in CSS pixels relative to the layout viewport (what `position: fixed` places against). Sizes are
 * rounded down so the box never reaches past the visible edge (no horizontal scroll, nothing under the keyboard).
 * Without a usable visual viewport (none, or a zero size reported mid-rotation) the layout viewport is the box.
 */
export function visibleBox(
  visual: VisualViewportLike | null | undefined,
  layout: { width: number; height: number },
): ViewportBox {
  const usable = visual && visual.width > 0 && visual.height > 0;
  if (!usable) return { top: 0, left: 0, width: Math.floor(layout.width), height: Math.floor(layout.height) };
  return {
    top: Math.max(0, Math.round(visual.offsetTop)),
    left: Math.max(0, Math.round(visual.offsetLeft)),
    width: Math.floor(visual.width),
    height: Math.floor(visual.height),
  };
}

export function sameBox(a: ViewportBox, b: ViewportBox): boolean {
  return a.top === b.top && a.left === b.left && a.width === b.width && a.height === b.height;
}

/** Wider than tall (a phone in landscape, or a short box left above the keyboard): one row of controls, not two. */
export function isWide(box: ViewportBox): boolean {
  return box.width > box.height;
}

export interface ViewportEnv {
  visual: VisualViewportLike | null;
  /** Fires `resize` when the layout viewport changes (rotation, a window resized). */
  window: EventTarget;
  layout(): { width: number; height: number };
  frame(run: () => void): number;
  cancelFrame(id: number): void;
}

export function browserViewportEnv(): ViewportEnv {
  return {
    visual: window.visualViewport,
    window,
    layout: () => ({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight }),
    frame: (run) => requestAnimationFrame(run),
    cancelFrame: (id) => cancelAnimationFrame(id),
  };
}

/**
 * Calls `onChange` with the visible box now and whenever it changes. The keyboard's animation fires many resize
 * and scroll events; they are folded into one reading per frame, and a reading equal to the last is not passed on,
 * so the terminal refits once per real change. Returns the function that stops following.
 */
export function followVisibleBox(env: ViewportEnv, onChange: (box: ViewportBox) => void): () => void {
  let last = visibleBox(env.visual, env.layout());
  onChange(last);
  let pending: number | undefined;
  const read = () => {
    pending = undefined;
    const next = visibleBox(env.visual, env.layout());
    if (sameBox(next, last)) return;
    last = next;
    onChange(next);
  };
  const schedule = () => {
    if (pending === undefined) pending = env.frame(read);
  };
  env.visual?.addEventListener('resize', schedule);
  env.visual?.addEventListener('scroll', schedule);
  env.window.addEventListener('resize', schedule);
  return () => {
    env.visual?.removeEventListener('resize', schedule);
    env.visual?.removeEventListener('scroll', schedule);
    env.window.removeEventListener('resize', schedule);
    if (pending !== undefined) env.cancelFrame(pending);
  };
}
