import { describe, expect, it } from 'vitest';
import { activeViewer, inputMark, nextMark, sameSize, sessionSize, type ViewerSizeState } from './viewer-sizes.ts';

const desk = { cols: 148, rows: 40 };
const phone = { cols: 40, rows: 30 };

function viewer(id: string, attachedAt: number, size?: typeof desk, inputAt?: number): ViewerSizeState {
  return { id, attachedAt, size, inputAt };
}

describe('sessionSize', () => {
  it('is null while no viewer has told its size', () => {
    expect(sessionSize([])).toBeNull();
    expect(sessionSize([viewer('a', 1)])).toBeNull();
  });

  it('takes the size of the viewer that attached last when nobody has typed', () => {
    expect(sessionSize([viewer('desk', 1, desk), viewer('phone', 2, phone)])).toEqual(phone);
  });

  it('takes the size of the viewer that typed last, whenever the others attached', () => {
    const viewers = [viewer('desk', 1, desk, 5), viewer('phone', 9, phone), viewer('tab', 3, desk, 4)];
    expect(activeViewer(viewers)?.id).toBe('desk');
    expect(sessionSize([viewer('desk', 1, desk, 5), viewer('phone', 2, phone, 6)])).toEqual(phone);
  });

  it('passes to the next most recent when the active viewer leaves', () => {
    const viewers = [viewer('a', 1, desk, 5), viewer('b', 2, phone, 7), viewer('c', 3, { cols: 90, rows: 20 })];
    expect(activeViewer(viewers)?.id).toBe('b');
    expect(activeViewer(viewers.filter((v) => v.id !== 'b'))?.id).toBe('a');
    expect(activeViewer(viewers.filter((v) => v.id === 'c'))?.id).toBe('c');
  });

  it('skips a viewer that has not told its size, even when it typed last', () => {
    expect(sessionSize([viewer('desk', 1, desk), viewer('new', 2, undefined, 8)])).toEqual(desk);
  });

  it('orders viewers from before marks existed (all zero) by id, the same way every time', () => {
    const a = viewer('sub-a', 0, desk);
    const b = viewer('sub-b', 0, phone);
    expect(activeViewer([a, b])?.id).toBe(activeViewer([b, a])?.id);
  });
});

describe('inputMark', () => {
  it('gives the first typist a mark above every other, so it ranks first', () => {
    const viewers = [viewer('desk', 10, desk), viewer('phone', 20, phone)];
    const mark = inputMark(viewers, 'desk', 15);
    expect(mark).toBe(21);
    const after = [viewer('desk', 10, desk, mark ?? undefined), viewer('phone', 20, phone)];
    expect(activeViewer(after)?.id).toBe('desk');
  });

  it('is null while the typist already ranks first: typing on writes nothing', () => {
    const viewers = [viewer('desk', 10, desk, 30), viewer('phone', 20, phone)];
    expect(inputMark(viewers, 'desk', 40)).toBeNull();
  });

  it('records a mark for the viewer that ranks first only by attaching last, so a later attach does not take over', () => {
    expect(inputMark([viewer('desk', 10, desk), viewer('phone', 20, phone)], 'phone', 25)).toBe(25);
  });

  it('switches to another typist with a mark after the first one, even within the same millisecond', () => {
    const viewers = [viewer('desk', 10, desk, 30), viewer('phone', 20, phone, 29)];
    expect(inputMark(viewers, 'phone', 30)).toBe(31);
  });

  it('is null for a viewer without a size, or one that is not there', () => {
    const viewers = [viewer('desk', 10, desk), viewer('new', 20)];
    expect(inputMark(viewers, 'new', 30)).toBeNull();
    expect(inputMark(viewers, 'gone', 30)).toBeNull();
  });
});

describe('nextMark', () => {
  it('is now unless a viewer holds a mark at or past it', () => {
    expect(nextMark([], 100)).toBe(100);
    expect(nextMark([viewer('a', 50, desk, 60)], 100)).toBe(100);
    expect(nextMark([viewer('a', 100, desk), viewer('b', 90, desk, 120)], 100)).toBe(121);
  });
});

describe('sameSize', () => {
  it('compares columns and rows; no size equals no size', () => {
    expect(sameSize(desk, { cols: 148, rows: 40 })).toBe(true);
    expect(sameSize(desk, { cols: 148, rows: 41 })).toBe(false);
    expect(sameSize(desk, null)).toBe(false);
    expect(sameSize(null, undefined)).toBe(true);
  });
});
