import { describe, expect, it } from 'vitest';
import { countByVps, newItems, titleWithCount } from './attention-diff.ts';

const item = (session_id: string, since: string, state: 'needs_input' | 'limited' | 'done' = 'needs_input') => ({
  session_id,
  vps_id: session_id.startsWith('a') ? 'v-a' : 'v-b',
  state,
  since,
});

describe('newItems', () => {
  it('finds nothing new in the first read: the page shows what was already waiting', () => {
    expect(newItems(null, [item('a1', 't1')])).toEqual([]);
  });

  it('finds the items the last read did not hold, and only those', () => {
    const before = [item('a1', 't1'), item('b1', 't1')];
    const after = [item('a1', 't1'), item('b2', 't2'), item('a2', 't2')];
    expect(newItems(before, after)).toEqual([item('b2', 't2'), item('a2', 't2')]);
  });

  it('takes another question, or another state, on the same session as new', () => {
    expect(newItems([item('a1', 't1')], [item('a1', 't2')])).toEqual([item('a1', 't2')]);
    expect(newItems([item('a1', 't1')], [item('a1', 't1', 'done')])).toEqual([item('a1', 't1', 'done')]);
  });

  it('finds nothing new when items only went away', () => {
    expect(newItems([item('a1', 't1'), item('b1', 't1')], [item('b1', 't1')])).toEqual([]);
  });
});

describe('countByVps', () => {
  it('counts the items of each server', () => {
    const counts = countByVps([item('a1', 't'), item('a2', 't'), item('b1', 't')]);
    expect([...counts]).toEqual([
      ['v-a', 2],
      ['v-b', 1],
    ]);
  });
});

describe('titleWithCount', () => {
  it('prefixes the count while items wait, replaces an older one, and drops it at zero', () => {
    expect(titleWithCount('Dashboard — VibeCode', 2)).toBe('(2) Dashboard — VibeCode');
    expect(titleWithCount('(2) Dashboard — VibeCode', 3)).toBe('(3) Dashboard — VibeCode');
    expect(titleWithCount('(3) Dashboard — VibeCode', 0)).toBe('Dashboard — VibeCode');
    expect(titleWithCount(titleWithCount('box', 1), 1)).toBe('(1) box');
  });
});
