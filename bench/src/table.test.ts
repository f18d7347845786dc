import { describe, expect, it } from 'vitest';
import { na, type Row, type SystemInfo, value } from './results.ts';
import { formatNumber, formatTable } from './table.ts';

const systems: SystemInfo[] = [
  { id: 'vibecode', label: 'VibeCode', version: 'x' },
  { id: 'vibetunnel', label: 'VibeTunnel', version: 'x' },
  { id: 'wetty', label: 'WeTTY', version: 'x' },
  { id: 'tmux', label: 'tmux', version: 'x' },
];

describe('formatNumber', () => {
  it('keeps about three significant figures without exponents', () => {
    expect(formatNumber(0.1344)).toBe('0.134');
    expect(formatNumber(1.374)).toBe('1.37');
    expect(formatNumber(44.94)).toBe('44.9');
    expect(formatNumber(812.4)).toBe('812');
    expect(formatNumber(230_412)).toBe('230412');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
  });
});

describe('formatTable', () => {
  const rows: Row[] = [
    {
      id: 'echo',
      label: 'echo p50',
      unit: 'ms',
      better: 'lower',
      cells: { vibecode: value(0.5), vibetunnel: value(1.5), wetty: value(2.5), tmux: value(0.13) },
    },
    {
      id: 'reconnect',
      label: 'reconnect',
      unit: 'ms',
      better: 'lower',
      cells: {
        vibecode: value(12, 'replay'),
        vibetunnel: value(40),
        wetty: na('a new socket is a new shell'),
        tmux: na('x|y'),
      },
    },
    {
      id: 'viewers',
      label: 'viewers',
      unit: 'ms',
      better: 'lower',
      cells: { vibecode: value(3), vibetunnel: na('x|y'), wetty: na('a new socket is a new shell') },
    },
  ];

  it('prints one Markdown row per measurement with a column per system and the ratio to the best peer', () => {
    const lines = formatTable(rows, systems).split('\n');
    expect(lines[0]).toBe('| measurement | VibeCode | VibeTunnel | WeTTY | tmux | VibeCode vs best peer |');
    expect(lines[1]).toBe('| --- | --- | --- | --- | --- | --- |');
    expect(lines[2]).toBe(
      '| echo p50 (ms, lower is better) | 0.500 | 1.50 | 2.50 | 0.130 | 3.00× better than VibeTunnel |',
    );
    expect(lines[3]).toBe(
      '| reconnect (ms, lower is better) | 12.0 (replay) | 40.0 | n/a [1] | n/a [2] | 3.33× better than VibeTunnel |',
    );
  });

  it('numbers each distinct n/a reason once and escapes pipes', () => {
    const text = formatTable(rows, systems);
    expect(text).toContain('| viewers (ms, lower is better) | 3.00 | n/a [2] | n/a [1] | n/a [3] | — |');
    expect(text).toContain('[1] a new socket is a new shell\n[2] x|y\n[3] not measured\n');
  });

  it('gives each VibeCode column that took part a ratio column of its own', () => {
    const both: SystemInfo[] = [{ id: 'vibecode-direct', label: 'VibeCode (direct)', version: 'x' }, ...systems];
    const withDirect = rows.map((r) => ({ ...r, cells: { ...r.cells, 'vibecode-direct': value(0.25) } }));
    const lines = formatTable(withDirect, both).split('\n');
    expect(lines[0]).toBe(
      '| measurement | VibeCode | VibeCode (direct) | VibeTunnel | WeTTY | tmux | VibeCode vs best peer | VibeCode (direct) vs best peer |',
    );
    expect(lines[2]).toBe(
      '| echo p50 (ms, lower is better) | 0.500 | 0.250 | 1.50 | 2.50 | 0.130 | 3.00× better than VibeTunnel | 6.00× better than VibeTunnel |',
    );
  });

  it('leaves out systems that did not take part', () => {
    const text = formatTable(rows, systems.slice(0, 2));
    expect(text.split('\n')[0]).toBe('| measurement | VibeCode | VibeTunnel | VibeCode vs best peer |');
  });
});
