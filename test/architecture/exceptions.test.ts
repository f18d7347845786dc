/**
 * Every temporary exception in .dependency-cruiser-exceptions.cjs still hides a real violation: the repo is cruised
 * with all of them emptied, and each must match a violation's file. An entry whose fix has landed fails here, so it
 * is deleted with the fix instead of silently widening the rules.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cruise, root, type Violation } from './tools.ts';

const exceptionsFile = join(root, '.dependency-cruiser-exceptions.cjs');
const exceptions = createRequire(import.meta.url)(exceptionsFile) as Record<string, string[]>;
const scratch = mkdtempSync(join(tmpdir(), 'vibe-exceptions-'));
let violations: Violation[];

beforeAll(() => {
  // The same config, loaded after its exceptions were replaced by a pattern no path matches.
  const config = join(scratch, 'without-exceptions.cjs');
  writeFileSync(
    config,
    [
      `const exceptions = require(${JSON.stringify(exceptionsFile)});`,
      `for (const name of Object.keys(exceptions)) exceptions[name] = ['^$never'];`,
      `module.exports = require(${JSON.stringify(join(root, '.dependency-cruiser.cjs'))});`,
    ].join('\n'),
  );
  violations = cruise(root, config);
}, 180_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cases = Object.entries(exceptions).flatMap(([name, patterns]) => patterns.map((pattern) => [name, pattern]));

describe('the temporary rule exceptions', () => {
  it.each(cases)('%s: %s still hides a violation', (_name, pattern) => {
    const matches = new RegExp(pattern);
    expect(violations.filter((v) => matches.test(v.from) || matches.test(v.to)).length).toBeGreaterThan(0);
  });
});
