import { describe, expect, it } from 'vitest';
import { MIN_READABLE_SCALE, SessionSize, screenLayout } from './session-size.ts';

const desk = { cols: 148, rows: 40 };
const phone = { cols: 40, rows: 30 };

describe('SessionSize', () => {
  it('fills this screen until the hub says the session’s size', () => {
    const sizes = new SessionSize();
    expect(sizes.target).toBeNull();
    sizes.fitted(phone);
    expect(sizes.target).toEqual(phone);
    expect(sizes.following).toBe(true);
  });

  it('takes the session’s size when another viewer is active, and fills the screen again when it is this one’s', () => {
    const sizes = new SessionSize();
    sizes.fitted(phone);
    sizes.session(desk);
    expect(sizes.target).toEqual(desk);
    expect(sizes.following).toBe(false);
    sizes.session(phone);
    expect(sizes.target).toEqual(phone);
    expect(sizes.following).toBe(true);
  });

  it('keeps following its own screen through a resize while active, until the hub says otherwise', () => {
    const sizes = new SessionSize();
    sizes.fitted(desk);
    sizes.session(desk);
    sizes.fitted({ cols: 150, rows: 41 });
    expect(sizes.target).toEqual({ cols: 150, rows: 41 });
    expect(sizes.following).toBe(true);
    // Another viewer became active meanwhile: the hub's answer wins.
    sizes.session(phone);
    expect(sizes.target).toEqual(phone);
    expect(sizes.following).toBe(false);
  });

  it('does not follow its own resizes while another viewer is active', () => {
    const sizes = new SessionSize();
    sizes.fitted(phone);
    sizes.session(desk);
    sizes.fitted({ cols: 42, rows: 30 });
    expect(sizes.target).toEqual(desk);
  });

  it('fills this screen at once when it claims the size ("Fit to this screen")', () => {
    const sizes = new SessionSize();
    sizes.fitted(phone);
    sizes.session(desk);
    sizes.claimed();
    expect(sizes.target).toEqual(phone);
    expect(sizes.following).toBe(true);
  });
});

describe('screenLayout', () => {
  it('shows a terminal that fits its box as it is, never enlarged', () => {
    expect(screenLayout({ width: 300, height: 200 }, { width: 800, height: 600 })).toEqual({ scale: 1, scroll: false });
  });

  it('scales a bigger terminal down to fit, keeping the aspect (the tighter side decides)', () => {
    expect(screenLayout({ width: 1000, height: 500 }, { width: 800, height: 600 })).toEqual({
      scale: 0.8,
      scroll: false,
    });
    expect(screenLayout({ width: 800, height: 1000 }, { width: 800, height: 600 })).toEqual({
      scale: 0.6,
      scroll: false,
    });
  });

  it('scrolls at full size instead when scaling would make the text too small to read', () => {
    const box = { width: 360, height: 500 };
    expect(screenLayout({ width: 1250, height: 700 }, box)).toEqual({ scale: 1, scroll: true });
    expect(screenLayout({ width: 360 / MIN_READABLE_SCALE, height: 100 }, box)).toEqual({
      scale: MIN_READABLE_SCALE,
      scroll: false,
    });
  });

  it('leaves a terminal or box not laid out yet (no size) as it is', () => {
    expect(screenLayout({ width: 0, height: 0 }, { width: 800, height: 600 })).toEqual({ scale: 1, scroll: false });
    expect(screenLayout({ width: 800, height: 600 }, { width: 0, height: 0 })).toEqual({ scale: 1, scroll: false });
  });
});
