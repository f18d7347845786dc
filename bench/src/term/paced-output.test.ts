import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePacedPrinter } from './paced-output.ts';

describe('writePacedPrinter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-paced-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives a command that prints exactly the bytes asked for, in whole blocks and a last partial one', () => {
    const print = writePacedPrinter(dir);
    const out = execSync(print(10_000), { encoding: 'utf8' });
    expect(out.length).toBe(10_000);
    expect(out.startsWith(`00000000 ${'paced'.repeat(14)}\n00000001 `)).toBe(true);
  });
});
