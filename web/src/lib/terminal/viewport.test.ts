import { describe, expect, it } from 'vitest';
import { followVisibleBox, isWide, type ViewportBox, type ViewportEnv, visibleBox } from './viewport.ts';

class FakeVisualViewport extends EventTarget {
  offsetTop = 0;
  offsetLeft = 0;
  constructor(
    public width: number,
    public height: number,
  ) {
    super();
  }
}

/** A page whose frames run only when the test says, like a browser between two paints. */
function fakeEnv(visual: FakeVisualViewport | null, layout = { width: 375, height: 812 }) {
  const frames = new Map<number, () => void>();
  let next = 1;
  const env: ViewportEnv = {
    visual,
    window: new EventTarget(),
    layout: () => layout,
    frame: (run) => {
      frames.set(next, run);
      return next++;
    },
    cancelFrame: (id) => frames.delete(id),
  };
  const paint = () => {
    const due = [...frames.values()];
    frames.clear();
    for (const run of due) run();
  };
  return { env, paint, frames, layout };
}

describe('visibleBox', () => {
  it('is the visual viewport, placed where it has been panned to (iOS and Chrome with the keyboard up)', () => {
    const visual = new FakeVisualViewport(375, 476);
    visual.offsetTop = 120;
    expect(visibleBox(visual, { width: 375, height: 812 })).toEqual({ top: 120, left: 0, width: 375, height: 476 });
  });

  it('rounds sizes down so the box never reaches past the visible edge', () => {
    const visual = new FakeVisualViewport(374.6, 475.9);
    visual.offsetTop = 10.4;
    expect(visibleBox(visual, { width: 375, height: 812 })).toEqual({ top: 10, left: 0, width: 374, height: 475 });
  });

  it('is the layout viewport without a visual viewport, or with a zero size reported mid-rotation', () => {
    const layout = { width: 812, height: 375 };
    const whole = { top: 0, left: 0, width: 812, height: 375 };
    expect(visibleBox(null, layout)).toEqual(whole);
    expect(visibleBox(new FakeVisualViewport(0, 0), layout)).toEqual(whole);
  });

  it('never places the box above or left of the page (overscroll bounce reports negative offsets)', () => {
    const visual = new FakeVisualViewport(375, 812);
    visual.offsetTop = -30;
    visual.offsetLeft = -2;
    expect(visibleBox(visual, { width: 375, height: 812 })).toMatchObject({ top: 0, left: 0 });
  });
});

describe('isWide', () => {
  it('is a landscape phone or a box left short by the keyboard, not a portrait phone', () => {
    const box = (width: number, height: number): ViewportBox => ({ top: 0, left: 0, width, height });
    expect(isWide(box(812, 375))).toBe(true);
    expect(isWide(box(812, 175))).toBe(true);
    expect(isWide(box(375, 812))).toBe(false);
    expect(isWide(box(375, 476))).toBe(false);
  });
});

describe('followVisibleBox', () => {
  it('reports the box at once, then once per frame after the keyboard moves the visual viewport', () => {
    const visual = new FakeVisualViewport(375, 812);
    const { env, paint } = fakeEnv(visual);
    const seen: ViewportBox[] = [];
    followVisibleBox(env, (box) => seen.push(box));
    expect(seen).toEqual([{ top: 0, left: 0, width: 375, height: 812 }]);

    // The keyboard slides in: several resize and scroll events before the next paint.
    for (const height of [700, 600, 476]) {
      visual.height = height;
      visual.dispatchEvent(new Event('resize'));
    }
    visual.offsetTop = 40;
    visual.dispatchEvent(new Event('scroll'));
    expect(seen).toHaveLength(1);
    paint();
    expect(seen).toEqual([
      { top: 0, left: 0, width: 375, height: 812 },
      { top: 40, left: 0, width: 375, height: 476 },
    ]);
  });

  it('passes nothing on when a frame reads the same box again', () => {
    const visual = new FakeVisualViewport(375, 812);
    const { env, paint } = fakeEnv(visual);
    const seen: ViewportBox[] = [];
    followVisibleBox(env, (box) => seen.push(box));
    visual.dispatchEvent(new Event('scroll'));
    paint();
    expect(seen).toHaveLength(1);
  });

  it('follows the layout viewport on rotation where there is no visual viewport', () => {
    const { env, paint, layout } = fakeEnv(null);
    const seen: ViewportBox[] = [];
    followVisibleBox(env, (box) => seen.push(box));
    layout.width = 812;
    layout.height = 375;
    env.window.dispatchEvent(new Event('resize'));
    paint();
    expect(seen.at(-1)).toEqual({ top: 0, left: 0, width: 812, height: 375 });
  });

  it('stops: no more readings, and a frame already asked for is cancelled', () => {
    const visual = new FakeVisualViewport(375, 812);
    const { env, paint, frames } = fakeEnv(visual);
    const seen: ViewportBox[] = [];
    const stop = followVisibleBox(env, (box) => seen.push(box));
    visual.height = 476;
    visual.dispatchEvent(new Event('resize'));
    stop();
    expect(frames.size).toBe(0);
    visual.dispatchEvent(new Event('resize'));
    env.window.dispatchEvent(new Event('resize'));
    paint();
    expect(frames.size).toBe(0);
    expect(seen).toHaveLength(1);
  });
});
