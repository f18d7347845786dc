import { describe, expect, it } from 'vitest';
import { RecentWebSessions } from './recent-web-sessions.ts';

const session = (expiresAt: number) => ({ id: 'h', expiresAt });

describe('RecentWebSessions', () => {
  it('answers from memory within the cache time, then no more', () => {
    const cache = new RecentWebSessions(10_000);
    cache.remember('t', session(1_000_000), 0);
    expect(cache.get('t', 9_999)).toEqual(session(1_000_000));
    expect(cache.get('t', 10_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never answers past the session’s own expiry', () => {
    const cache = new RecentWebSessions(10_000);
    cache.remember('t', session(5_000), 0);
    expect(cache.get('t', 4_999)).toBeDefined();
    expect(cache.get('t', 5_000)).toBeUndefined();
  });

  it('forgets a token signed out here', () => {
    const cache = new RecentWebSessions(10_000);
    cache.remember('t', session(1_000_000), 0);
    cache.forget('t');
    expect(cache.get('t', 1)).toBeUndefined();
  });

  it('keeps at most its bound, dropping the oldest', () => {
    const cache = new RecentWebSessions(10_000, 2);
    cache.remember('a', session(1_000_000), 0);
    cache.remember('b', session(1_000_000), 0);
    cache.remember('a', session(1_000_000), 1);
    cache.remember('c', session(1_000_000), 2);
    expect(cache.size).toBe(2);
    expect(cache.get('b', 3)).toBeUndefined();
    expect(cache.get('a', 3)).toBeDefined();
    expect(cache.get('c', 3)).toBeDefined();
  });
});
