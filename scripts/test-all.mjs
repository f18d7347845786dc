#!/usr/bin/env node
/**
 * `npm test`: runs every workspace's vitest suite in turn (the gateway and browser suites are timing-sensitive,
 * and the machines have two cores), then prints the totals as one plain line, `N passed, N failed`, which CI reads.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureSystemPackages } from './system-packages.mjs';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const resultsDir = join(root, '.test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

if (!ensureSystemPackages('test', (line) => console.error(line))) process.exit(1);

let passed = 0;
let failed = 0;
let skipped = 0;
const broken = [];
for (const ws of pkg.workspaces) {
  const wsPkg = JSON.parse(readFileSync(join(root, ws, 'package.json'), 'utf8'));
  if (!wsPkg.scripts?.test) continue;
  const out = join(resultsDir, `${ws}.json`);
  console.log(`\n▶ ${ws}`);
  const run = spawnSync(
    'npm',
    ['test', '-w', ws, '--', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (!existsSync(out)) {
    // The suite crashed before reporting: count it as one failure so it cannot pass silently.
    failed += 1;
    broken.push(`${ws} (exit ${run.status}, no report)`);
    continue;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  if (run.status !== 0 && report.numFailedTests === 0) {
    // Failed outside any test (a suite that did not load, an unhandled error): still a failure.
    failed += 1;
    broken.push(`${ws} (exit ${run.status})`);
  }
}

if (broken.length > 0) console.error(`\nSuites that failed outside a test: ${broken.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
