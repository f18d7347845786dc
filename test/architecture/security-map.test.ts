/**
 * SECURITY.md maps every threat to the tests that prove its control. A renamed or deleted test would leave the map
 * pointing at nothing while still reading as proof, so every test it names must exist and every row must name one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './tools.ts';

const TEST_PATH = /`([\w./-]+(?:\.test\.ts|\/))`/g;

/** A table row's cells; `\|` inside a cell is a pipe, not a border. */
const cells = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1);

const threatRows = (readFileSync(join(root, 'SECURITY.md'), 'utf8').split('## Threats')[1] ?? '')
  .split('\n')
  .filter((line) => line.startsWith('|') && !/^\|\s*(Threat\s|-)/.test(line));

describe('SECURITY.md', () => {
  it('has a threat table', () => {
    expect(threatRows.length).toBeGreaterThan(10);
  });

  it.each(threatRows.map((row) => [cells(row)[0]?.trim() ?? '', row]))('%s: names tests that exist', (_, row) => {
    expect(cells(row)).toHaveLength(3);
    const proof = cells(row)[2] ?? '';
    const paths = [...proof.matchAll(TEST_PATH)].map((m) => m[1] as string);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });
});
