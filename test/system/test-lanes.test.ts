/**
 * Which suites `npm test` runs side by side (scripts/test-lanes.mjs), against the workspaces package.json lists:
 * by default every suite once in two lanes, the whole-system suites never beside each other; with `TEST_LANES=1` one
 * lane in package.json's order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lanesOf } from '../../scripts/test-lanes.mjs';

const root = join(import.meta.dirname, '..', '..');
const suites = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
const WHOLE_SYSTEM = ['test/e2e', 'test/telegram', 'test/droplet', 'test/system', 'test/fault'];

describe('lanesOf', () => {
  it('runs every suite exactly once, in two lanes', () => {
    const lanes = lanesOf(suites, undefined);
    expect(lanes).toHaveLength(2);
    expect(lanes.flat().sort()).toEqual([...suites].sort());
  });

  it('never runs two whole-system suites at once: test/telegram waits for the workspaces’ own suites', () => {
    const [system, own] = lanesOf(suites, '2') as [string[], string[]];
    expect(system.every((ws) => WHOLE_SYSTEM.includes(ws))).toBe(true);
    expect(own.filter((ws) => WHOLE_SYSTEM.includes(ws))).toEqual(['test/telegram']);
    expect(own.at(-1)).toBe('test/telegram');
  });

  it('starts the system lane with its longest suite, and keeps package.json’s order in the other', () => {
    const [system, own] = lanesOf(suites, '2') as [string[], string[]];
    expect(system[0]).toBe('test/e2e');
    const order = own.slice(0, -1).map((ws) => suites.indexOf(ws));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('runs everything one after another in package.json’s order with TEST_LANES=1', () => {
    expect(lanesOf(suites, '1')).toEqual([suites]);
  });
});
