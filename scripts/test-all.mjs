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
const failures = [];
/** Seconds each workspace's suite took, for the line above the totals. */
const took = [];
for (const ws of pkg.workspaces) {
  const wsPkg = JSON.parse(readFileSync(join(root, ws, 'package.json'), 'utf8'));
  if (!wsPkg.scripts?.test) continue;
  const out = join(resultsDir, `${ws}.json`);
  console.log(`\n▶ ${ws}`);
  const started = Date.now();
  const run = spawnSync(
    'npm',
    ['test', '-w', ws, '--', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  took.push(`${ws} ${Math.round((Date.now() - started) / 1000)} s`);
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
  failures.push(...failuresOf(ws, report));
  if (run.status !== 0 && report.numFailedTests === 0) {
    // Failed outside any test (a suite that did not load, an unhandled error): still a failure.
    failed += 1;
    broken.push(`${ws} (exit ${run.status})`);
  }
}

// CI shows only the tail of the output: the time per suite and what failed go right above the totals.
console.log(`\nTime per suite: ${took.join(', ')}`);
if (failures.length > 0) console.log(`\nFailed:\n${failures.join('\n')}`);
if (broken.length > 0) console.error(`\nSuites that failed outside a test: ${broken.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

/** One line per failed test (or file that failed to load): where it is, and the first line of why. */
function failuresOf(ws, report) {
  const lines = [];
  for (const file of report.testResults) {
    const at = join(ws, file.name.slice(join(root, ws).length + 1));
    const failedTests = file.assertionResults.filter((test) => test.status === 'failed');
    if (file.status === 'failed' && failedTests.length === 0) lines.push(`  ${at}: ${firstLine(file.message)}`);
    for (const test of failedTests) lines.push(`  ${at} > ${test.fullName}: ${firstLine(test.failureMessages[0])}`);
  }
  return lines;
}

function firstLine(text = '') {
  return text.trim().split('\n')[0].slice(0, 300);
}
