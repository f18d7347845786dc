import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BatchOptions, type Clock, OutputBatcher } from './batcher.ts';

/** A clock that moves only when told to: timers fire in order as `advance` passes them. */
class FakeClock implements Clock {
  private t = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pending(): number {
    return this.timers.size;
  }

  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
    }
    this.t = end;
  }
}

const OPTIONS: BatchOptions = { flushMs: 20, maxBytes: 64, sustainedBytes: 16, sustainedChunks: 4 };
const bytes = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

function rig(options = OPTIONS) {
  const clock = new FakeClock();
  const out: { at: number; text: string }[] = [];
  const batcher = new OutputBatcher((b) => out.push({ at: clock.now(), text: str(b) }), options, clock);
  return { clock, batcher, out, texts: () => out.map((o) => o.text) };
}

/** A burst of `n` 8-byte chunks, 1 ms apart: past sustainedBytes (16) after the second. */
function flood(r: ReturnType<typeof rig>, n: number, tag = 'f') {
  for (let i = 0; i < n; i++) {
    r.batcher.push(bytes(`${tag}${i}`.padEnd(8, '.')));
    r.clock.advance(1);
  }
}

describe('OutputBatcher', () => {
  it('sends a chunk after a quiet moment at once', () => {
    const r = rig();
    r.batcher.push(bytes('a'));
    expect(r.texts()).toEqual(['a']);
    expect(r.clock.pending).toBe(0);
  });

  it('sends every echo of fast typing at once, however close together the keys are', () => {
    const r = rig();
    for (const key of 'hello world') {
      r.batcher.onInput();
      r.batcher.push(bytes(key));
      expect(r.out.at(-1)).toEqual({ at: r.clock.now(), text: key });
      r.clock.advance(1);
    }
    expect(r.texts().join('')).toBe('hello world');
  });

  it('sends a burst below sustainedBytes chunk by chunk, unheld, even without input', () => {
    const r = rig();
    for (const part of ['ls\r\n', 'a  ', 'b\r\n', '$ ']) {
      r.batcher.push(bytes(part));
      r.clock.advance(1);
    }
    expect(r.texts()).toEqual(['ls\r\n', 'a  ', 'b\r\n', '$ ']);
  });

  it('coalesces a flood once sustainedBytes have gone, flushing flushMs after the first held byte', () => {
    const r = rig();
    flood(r, 2);
    expect(r.texts()).toEqual(['f0......', 'f1......']);
    const heldAt = r.clock.now();
    r.batcher.push(bytes('x'));
    r.clock.advance(10);
    r.batcher.push(bytes('y'));
    r.clock.advance(9);
    expect(r.texts()).toHaveLength(2);
    r.clock.advance(1);
    expect(r.out.at(-1)).toEqual({ at: heldAt + 20, text: 'xy' });
  });

  it('counts many small chunks as a flood too, as tmux writes one', () => {
    const r = rig();
    for (let i = 0; i < 6; i++) {
      r.batcher.push(bytes(`${i}`));
      r.clock.advance(1);
    }
    expect(r.texts()).toEqual(['0', '1', '2', '3']);
    r.clock.advance(19);
    expect(r.texts()).toEqual(['0', '1', '2', '3', '45']);
  });

  it('flushes a flood at once when maxBytes are held', () => {
    const r = rig();
    flood(r, 2);
    for (let i = 0; i < 8; i++) r.batcher.push(bytes('12345678'));
    expect(r.texts().at(-1)).toBe('12345678'.repeat(8));
    expect(r.clock.pending).toBe(0);
  });

  it('answers input in a flood at once, after what was held before it', () => {
    const r = rig();
    flood(r, 4);
    expect(r.texts()).toHaveLength(2);
    r.batcher.onInput();
    r.batcher.push(bytes('^C'));
    expect(r.texts()).toEqual(['f0......', 'f1......', 'f2......f3......^C']);
    expect(r.clock.pending).toBe(0);
  });

  it('treats a quiet moment of flushMs as the end of a flood', () => {
    const r = rig();
    flood(r, 4);
    r.clock.advance(20);
    const before = r.out.length;
    r.batcher.push(bytes('$ '));
    expect(r.out.slice(before)).toEqual([{ at: r.clock.now(), text: '$ ' }]);
  });

  it('flush() sends what is held now and dispose() drops it with its timer', () => {
    const r = rig();
    flood(r, 3);
    r.batcher.flush();
    expect(r.texts()).toEqual(['f0......', 'f1......', 'f2......']);
    expect(r.clock.pending).toBe(0);
    r.batcher.push(bytes('held'));
    r.batcher.dispose();
    r.clock.advance(100);
    expect(r.texts()).toHaveLength(3);
    expect(r.clock.pending).toBe(0);
  });

  it('keeps every byte in order, never holds one longer than flushMs, and never holds what follows input', () => {
    type Step = { kind: 'push'; size: number } | { kind: 'wait'; ms: number } | { kind: 'input' };
    const step = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), size: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 30 }) }),
      fc.record({ kind: fc.constant('input' as const) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps: Step[]) => {
        const r = rig();
        const pushedAt: number[] = [];
        let sent = '';
        let n = 0;
        let answerDue = false;
        for (const s of steps) {
          if (s.kind === 'wait') r.clock.advance(s.ms);
          else if (s.kind === 'input') {
            r.batcher.onInput();
            answerDue = true;
          } else {
            const text = Array.from({ length: s.size }, () => String.fromCharCode(97 + (n++ % 26))).join('');
            for (let i = 0; i < text.length; i++) pushedAt.push(r.clock.now());
            sent += text;
            r.batcher.push(bytes(text));
            // The first chunk after input goes out with it, at once.
            if (answerDue) expect(r.texts().join('')).toBe(sent);
            answerDue = false;
          }
        }
        r.clock.advance(OPTIONS.flushMs);
        expect(r.texts().join('')).toBe(sent);
        let offset = 0;
        for (const o of r.out) {
          for (let i = 0; i < o.text.length; i++) {
            expect(o.at - (pushedAt[offset + i] as number)).toBeLessThanOrEqual(OPTIONS.flushMs);
          }
          offset += o.text.length;
        }
      }),
      { numRuns: 200 },
    );
  });
});
