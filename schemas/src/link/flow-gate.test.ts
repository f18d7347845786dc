import { describe, expect, it } from 'vitest';
import { FlowGate } from './flow-gate.ts';

describe('FlowGate', () => {
  it('closes above the high mark and opens only below the low one', () => {
    const gate = new FlowGate(100, 25);
    expect([gate.update(100), gate.isClosed]).toEqual([false, false]);
    expect([gate.update(101), gate.isClosed]).toEqual([true, true]);
    expect([gate.update(50), gate.isClosed]).toEqual([false, true]);
    expect([gate.update(24), gate.isClosed]).toEqual([true, false]);
  });

  it('refuses marks without hysteresis', () => {
    expect(() => new FlowGate(10, 10)).toThrow(RangeError);
  });
});
