import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutputBatcher } from './batcher.ts';

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

describe('OutputBatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first bytes after a quiet moment without waiting for the timer', () => {
    const out: string[] = [];
    const b = new OutputBatcher((x) => out.push(str(x)), { flushMs: 20, maxBytes: 1024 });
    b.push(text('a'));
    expect(out).toEqual(['a']);
  });

  it('coalesces sustained output and flushes it when the window ends', () => {
    const out: string[] = [];
    const b = new OutputBatcher((x) => out.push(str(x)), { flushMs: 20, maxBytes: 1024 });
    b.push(text('a'));
    b.push(text('b'));
    b.push(text('c'));
    expect(out).toEqual(['a']);
    vi.advanceTimersByTime(19);
    expect(out).toEqual(['a']);
    vi.advanceTimersByTime(1);
    expect(out).toEqual(['a', 'bc']);
  });

  it('flushes at once when the held bytes reach maxBytes', () => {
    const out: string[] = [];
    const b = new OutputBatcher((x) => out.push(str(x)), { flushMs: 20, maxBytes: 4 });
    b.push(text('a'));
    b.push(text('bb'));
    b.push(text('cc'));
    expect(out).toEqual(['a', 'bbcc']);
  });

  it('becomes quiet again after an empty window, so the next echo is immediate', () => {
    const out: string[] = [];
    const b = new OutputBatcher((x) => out.push(str(x)), { flushMs: 20, maxBytes: 1024 });
    b.push(text('a'));
    vi.advanceTimersByTime(20);
    b.push(text('b'));
    expect(out).toEqual(['a', 'b']);
  });

  it('flush() emits held bytes now, and dispose() drops the timer', () => {
    const out: string[] = [];
    const b = new OutputBatcher((x) => out.push(str(x)), { flushMs: 20, maxBytes: 1024 });
    b.push(text('a'));
    b.push(text('b'));
    b.flush();
    expect(out).toEqual(['a', 'b']);
    b.push(text('c'));
    b.dispose();
    vi.advanceTimersByTime(100);
    expect(out).toEqual(['a', 'b']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
