/**
 * How `npm test` shares the suites between its two lanes (scripts/test-lanes.mjs), against the workspaces
 * package.json lists: each lane takes the next suite as it comes free, the whole-system suites never beside each
 * other. Played out on made-up durations and on those of a CI run, as test-all.mjs plays it on the real suites.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSystemSuite, laneCount, SuiteQueue } from '../../scripts/test-lanes.mjs';

const root = join(import.meta.dirname, '..', '..');
const suites = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;

interface Run {
  ws: string;
  lane: number;
  start: number;
  end: number;
}

/** Two lanes pulling from the queue, as test-all.mjs runs them, with each suite taking `duration(ws)` seconds. */
function playOut(duration: (ws: string) => number): Run[] {
  const queue = new SuiteQueue(suites);
  const runs: Run[] = [];
  const running: Run[] = [];
  const freeAt = [0, 0];
  for (;;) {
    const now = Math.min(...freeAt);
    if (now === Number.POSITIVE_INFINITY) return runs;
    const lane = freeAt.indexOf(now);
    running.sort((a, b) => a.end - b.end);
    while (running.length > 0 && (running[0]?.end ?? 0) <= now) queue.finished(running.shift()?.ws ?? '');
    const ws = queue.take();
    if (ws === 'done') freeAt[lane] = Number.POSITIVE_INFINITY;
    else if (ws === 'wait') freeAt[lane] = Math.min(...running.map((r) => r.end));
    else {
      const run = { ws, lane, start: now, end: now + duration(ws) };
      runs.push(run);
      running.push(run);
      freeAt[lane] = run.end;
    }
  }
}

/** Seconds per suite in a CI run (2026-12-07), where one fixed split of them left one lane 171 s behind the other. */
const ciRun: Record<string, number> = {
  'test/e2e': 543,
  'test/droplet': 55,
  'test/system': 32,
  'test/fault': 23,
  schemas: 15,
  core: 391,
  channels: 2,
  worker: 33,
  gateway: 196,
  web: 28,
  telegram: 16,
  miniapp: 2,
  localcloud: 7,
  fakes: 20,
  bench: 3,
  'test/architecture': 5,
  'test/telegram': 106,
};

const made: Record<string, (ws: string) => number> = {
  'every suite alike': () => 10,
  'a CI run': (ws) => ciRun[ws] ?? 10,
  'a slow core': (ws) => (ws === 'core' ? 900 : (ciRun[ws] ?? 10)),
  'fast own suites': (ws) => (isSystemSuite(ws) ? (ciRun[ws] ?? 10) : 1),
};

const sum = (list: string[], duration: (ws: string) => number) => list.reduce((s, ws) => s + duration(ws), 0);
const lastEnd = (runs: Run[]) => Math.max(...runs.map((r) => r.end));

describe.each(Object.entries(made))('two lanes, with %s', (_name, duration) => {
  const runs = playOut(duration);

  it('runs every suite exactly once', () => {
    expect(runs.map((r) => r.ws).sort()).toEqual([...suites].sort());
  });

  it('never runs two whole-system suites at once', () => {
    const system = runs.filter((r) => isSystemSuite(r.ws)).sort((a, b) => a.start - b.start);
    for (let i = 1; i < system.length; i++) expect(system[i]?.start).toBeGreaterThanOrEqual(system[i - 1]?.end ?? 0);
  });

  it('starts test/e2e, the longest, at once, and the workspaces’ own suites in package.json’s order', () => {
    expect(runs.find((r) => r.ws === 'test/e2e')?.start).toBe(0);
    const own = runs.filter((r) => !isSystemSuite(r.ws)).sort((a, b) => a.start - b.start);
    expect(own.map((r) => r.ws)).toEqual(suites.filter((ws) => !isSystemSuite(ws)));
  });

  it('ends no later than the longer kind of suites would, run back to back', () => {
    const system = suites.filter(isSystemSuite);
    const own = suites.filter((ws) => !isSystemSuite(ws));
    expect(lastEnd(runs)).toBeLessThanOrEqual(Math.max(sum(system, duration), sum(own, duration)));
  });
});

describe('lane count', () => {
  it('is two by default, and one with TEST_LANES=1', () => {
    expect(laneCount(undefined)).toBe(2);
    expect(laneCount('2')).toBe(2);
    expect(laneCount('1')).toBe(1);
  });
});
