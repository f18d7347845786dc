import { describe, expect, it } from 'vitest';
import { nextWallClock, readLimit } from './limit-reader.ts';

describe('nextWallClock', () => {
  it('finds the next time the clock shows hour:minute in a zone, across a DST change', () => {
    // 2026-03-29 is the EU switch to summer time: Berlin is UTC+1 before 02:00 local and UTC+2 after.
    const before = new Date('2026-03-28T12:00:00Z');
    expect(nextWallClock(before, 15, 0, 'Europe/Berlin').toISOString()).toBe('2026-03-28T14:00:00.000Z');
    expect(nextWallClock(new Date('2026-03-28T20:00:00Z'), 15, 0, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T13:00:00.000Z',
    );
  });

  it('reads an unknown zone as UTC rather than failing', () => {
    expect(nextWallClock(new Date('2026-12-06T10:00:00Z'), 11, 15, 'Not/AZone').toISOString()).toBe(
      '2026-12-06T11:15:00.000Z',
    );
  });
});

describe('readLimit', () => {
  const now = new Date('2026-12-06T10:00:00Z');

  it('reads 12-hour and 24-hour clocks, and ignores times that are not times', () => {
    expect(readLimit('usage limit reached, resets 12am', now, 'UTC')?.resetsAt?.toISOString()).toBe(
      '2026-12-07T00:00:00.000Z',
    );
    expect(readLimit('usage limit reached, resets 12pm', now, 'UTC')?.resetsAt?.toISOString()).toBe(
      '2026-12-06T12:00:00.000Z',
    );
    expect(readLimit('usage limit reached, resets at 17:45', now, 'UTC')?.resetsAt?.toISOString()).toBe(
      '2026-12-06T17:45:00.000Z',
    );
    expect(readLimit('usage limit reached, resets 13pm', now, 'UTC')).toEqual({
      detail: 'usage limit reached, resets 13pm',
      resetsAt: undefined,
    });
  });

  it("reads Codex's try again at a clock time", () => {
    expect(readLimit("You've hit your usage limit. Try again at 3:04 PM.", now, 'UTC')?.resetsAt?.toISOString()).toBe(
      '2026-12-06T15:04:00.000Z',
    );
  });

  it('looks only at the bottom of the screen: a limit far above has been dealt with', () => {
    const screen = ['usage limit reached, resets 3pm', ...Array.from({ length: 20 }, (_, i) => `line ${i}`)].join('\n');
    expect(readLimit(screen, now, 'UTC')).toBeNull();
  });
});
