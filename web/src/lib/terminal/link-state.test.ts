import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type LinkState, LinkStateTracker, pillText } from './link-state.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup() {
  const seen: LinkState[] = [];
  const tracker = new LinkStateTracker(1000, (state) => seen.push(state));
  return { tracker, seen };
}

describe('LinkStateTracker', () => {
  it('raises the banner once the link has not worked for offlineBannerMs, and drops it when it works again', () => {
    const { tracker, seen } = setup();
    tracker.arm();
    vi.advanceTimersByTime(999);
    expect(tracker.state.banner).toBe(false);
    vi.advanceTimersByTime(1);
    expect(tracker.state).toEqual({ status: 'connecting', banner: true, notice: null, exit: null, endedReason: null });
    tracker.set({ status: 'connected' });
    expect(seen.map((s) => [s.status, s.banner])).toEqual([
      ['connecting', true],
      ['connected', false],
    ]);
  });

  it('a working link stops the banner clock; losing it again starts a fresh one', () => {
    const { tracker } = setup();
    tracker.arm();
    vi.advanceTimersByTime(600);
    tracker.set({ status: 'connected' });
    tracker.set({ status: 'reconnecting' });
    vi.advanceTimersByTime(999);
    expect(tracker.state.banner).toBe(false);
    vi.advanceTimersByTime(1);
    expect(tracker.state.banner).toBe(true);
  });

  it('reports only real changes, and nothing after dispose', () => {
    const { tracker, seen } = setup();
    tracker.set({ status: 'connected' });
    tracker.set({ status: 'connected' });
    tracker.set({ notice: 'no such session' });
    tracker.set({ status: 'offline' });
    tracker.dispose();
    vi.advanceTimersByTime(5000);
    expect(seen.map((s) => s.status)).toEqual(['connected', 'connected', 'offline']);
    expect(tracker.state.banner).toBe(false);
  });

  it('an ended session never shows the banner', () => {
    const { tracker } = setup();
    tracker.set({ status: 'ended' });
    vi.advanceTimersByTime(5000);
    expect(tracker.ended).toBe(true);
    expect(tracker.state.banner).toBe(false);
  });
});

describe('pillText', () => {
  it('says how an exited program ended, and the plain status otherwise', () => {
    const exit = { code: 3, signal: null, lines: [] };
    expect(pillText({ status: 'exited', exit })).toBe('Exited (code 3)');
    expect(pillText({ status: 'exited', exit: { code: null, signal: 'SIGKILL', lines: [] } })).toBe(
      'Exited (signal SIGKILL)',
    );
    expect(pillText({ status: 'connected', exit: null })).toBe('Connected');
    expect(pillText({ status: 'offline', exit: null })).toBe('Server offline');
  });

  it('an exited session needs no "Retry connection"', () => {
    const { tracker } = setup();
    tracker.set({ status: 'exited', exit: { code: 1, signal: null, lines: ['x'] } });
    vi.advanceTimersByTime(5000);
    expect(tracker.state.banner).toBe(false);
    expect(tracker.ended).toBe(false);
  });
});
