import { describe, expect, it } from 'vitest';
import { ChunkReorderer } from './reorder.ts';

describe('ChunkReorderer', () => {
  it('releases chunks in seq order whatever order they arrive in', () => {
    const r = new ChunkReorderer<string>(4);
    expect(r.add(1, 'b')).toEqual({ ok: true });
    expect(r.take()).toBeNull();
    r.add(0, 'a');
    r.end();
    expect(r.finished).toBe(false);
    expect(r.take()).toEqual({ seq: 0, chunk: 'a' });
    expect(r.take()).toEqual({ seq: 1, chunk: 'b' });
    expect(r.take()).toBeNull();
    expect(r.finished).toBe(true);
  });

  it('refuses duplicates, chunks beyond the window and chunks after the end', () => {
    const r = new ChunkReorderer<string>(2);
    r.add(0, 'a');
    expect(r.add(0, 'a').ok).toBe(false);
    expect(r.add(2, 'c').ok).toBe(false);
    r.take();
    expect(r.add(0, 'a').ok).toBe(false);
    r.end();
    expect(r.add(1, 'b').ok).toBe(false);
  });
});
