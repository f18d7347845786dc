/**
 * core's domain layer (core/tsconfig.domain.json) compiles with no runtime types, so the compiler already refuses
 * crypto, timers and the network there. The clock and randomness are plain ECMAScript, so this checks the other half
 * of the rule: no domain file reads them itself; they reach it as parameters.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './tools.ts';

const config = readFileSync(join(root, 'core', 'tsconfig.domain.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
const files = (JSON.parse(config) as { files: string[] }).files;
const AMBIENT = /\bDate\.now\(|\bnew Date\(\)|\bMath\.random\(|\bperformance\.now\(/;

describe("core's domain layer", () => {
  it('lists its files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s takes its clock and randomness as parameters', (file) => {
    const ambient = readFileSync(join(root, 'core', file), 'utf8')
      .split('\n')
      .filter((line) => AMBIENT.test(line));
    expect(ambient).toEqual([]);
  });
});
