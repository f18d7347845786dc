import { describe, expect, it } from 'vitest';
import { FlowGate } from './flow-gate.ts';

describe('FlowGate', () => {
  it('closes above high, stays closed between the marks, opens below low', () => {
    const g = new FlowGate(100, 25);
    expect(g.update(100)).toBe(false);
    expect(g.update(101)).toBe(true);
    expect(g.isClosed).toBe(true);
    expect(g.update(50)).toBe(false);
    expect(g.isClosed).toBe(true);
    expect(g.update(24)).toBe(true);
    expect(g.isClosed).toBe(false);
  });

  it('refuses marks in the wrong order', () => {
    expect(() => new FlowGate(10, 10)).toThrow(RangeError);
  });
});
