import { describe, expect, it } from 'vitest';
import { Throttle } from './throttle.ts';

describe('Throttle', () => {
  it('lets one write per key through per interval', () => {
    const t = new Throttle(30_000);
    expect(t.take('a', 0)).toBe(true);
    expect(t.take('a', 29_999)).toBe(false);
    expect(t.take('b', 29_999)).toBe(true);
    expect(t.take('a', 30_000)).toBe(true);
  });

  it('forgets the oldest key past its bound, which only costs an extra write', () => {
    const t = new Throttle(30_000, 2);
    t.take('a', 0);
    t.take('b', 0);
    t.take('c', 0);
    expect(t.take('b', 1)).toBe(false);
    expect(t.take('a', 1)).toBe(true);
  });

  it('forgets a key on request', () => {
    const t = new Throttle(30_000);
    t.take('a', 0);
    t.forget('a');
    expect(t.take('a', 1)).toBe(true);
  });
});
