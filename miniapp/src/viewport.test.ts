import { describe, expect, it } from 'vitest';
import { VIEWPORT_VARS, viewportVars } from './viewport.ts';

describe('viewportVars', () => {
  it('caps the page at the stable height and adds the safe area to the content safe area', () => {
    expect(
      viewportVars({
        viewportStableHeight: 700.4,
        safeAreaInset: { top: 47, bottom: 34, left: 0, right: 0 },
        contentSafeAreaInset: { top: 46, bottom: 0, left: 0, right: 0 },
      }),
    ).toEqual({
      '--page-max-height': '700px',
      '--page-inset-top': '93px',
      '--page-inset-right': '0px',
      '--page-inset-bottom': '34px',
      '--page-inset-left': '0px',
    });
  });

  it('has no cap and no insets on a client that sends none (before Bot API 8.0)', () => {
    expect(viewportVars({})).toEqual({
      '--page-inset-top': '0px',
      '--page-inset-right': '0px',
      '--page-inset-bottom': '0px',
      '--page-inset-left': '0px',
    });
  });

  it('counts values that are not sizes as none', () => {
    const vars = viewportVars({
      viewportStableHeight: Number.NaN,
      safeAreaInset: { top: -5, bottom: Number.POSITIVE_INFINITY, left: '12' as unknown as number, right: 3 },
      contentSafeAreaInset: null as unknown as undefined,
    });
    expect(vars['--page-max-height']).toBeUndefined();
    expect(vars).toMatchObject({
      '--page-inset-top': '0px',
      '--page-inset-bottom': '0px',
      '--page-inset-left': '0px',
      '--page-inset-right': '3px',
    });
  });

  it('names every variable it may set in VIEWPORT_VARS', () => {
    const vars = viewportVars({ viewportStableHeight: 1, safeAreaInset: { top: 1, bottom: 1, left: 1, right: 1 } });
    expect(Object.keys(vars).sort()).toEqual([...VIEWPORT_VARS].sort());
  });
});
