#!/usr/bin/env node
/**
 * `npm test`: runs every workspace's vitest suite, then prints the totals as one plain line, `N passed, N failed`,
 * which CI reads. The suites run in two lanes side by side, each taking the next suite as it comes free
 * (test-lanes.mjs says which and why; `TEST_LANES=1`: one after another); each suite's output is printed whole once
 * it ends, so two suites' lines never interleave.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureSystemPackages } from './system-packages.mjs';
import { laneCount, SuiteQueue } from './test-lanes.mjs';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const resultsDir = join(root, '.test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

if (!ensureSystemPackages('test', (line) => console.error(line))) process.exit(1);

const suites = pkg.workspaces.filter((ws) => {
  const wsPkg = JSON.parse(readFileSync(join(root, ws, 'package.json'), 'utf8'));
  return Boolean(wsPkg.scripts?.test);
});

const started = Date.now();
const results =
  laneCount(process.env.TEST_LANES) === 1 ? await runInOrder(suites) : await runLanes(new SuiteQueue(suites), 2);

let passed = 0;
let failed = 0;
let skipped = 0;
const broken = [];
const failures = [];
for (const { ws, status, out } of results) {
  if (!existsSync(out)) {
    // The suite crashed before reporting: count it as one failure so it cannot pass silently.
    failed += 1;
    broken.push(`${ws} (exit ${status}, no report)`);
    continue;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  failures.push(...failuresOf(ws, report));
  if (status !== 0 && report.numFailedTests === 0) {
    // Failed outside any test (a suite that did not load, an unhandled error): still a failure.
    failed += 1;
    broken.push(`${ws} (exit ${status})`);
  }
}

// CI shows only the tail of the output: the time per suite and what failed go right above the totals.
const took = results.map(({ ws, seconds }) => `${ws} ${seconds} s`);
console.log(`\nTime per suite: ${took.join(', ')}; all ${Math.round((Date.now() - started) / 1000)} s`);
if (failures.length > 0) console.log(`\nFailed:\n${failures.join('\n')}`);
if (broken.length > 0) console.error(`\nSuites that failed outside a test: ${broken.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

/** Runs the suites one after another. */
async function runInOrder(list) {
  const done = [];
  for (const ws of list) done.push(await runSuite(ws));
  return done;
}

/** Runs `count` lanes, each taking the queue's next suite whenever it comes free. */
async function runLanes(queue, count) {
  const done = [];
  /** Lanes waiting for the whole-system suite of another lane to end. */
  const waiting = [];
  const lane = async () => {
    for (let ws = queue.take(); ws !== 'done'; ws = queue.take()) {
      if (ws === 'wait') {
        await new Promise((resolve) => waiting.push(resolve));
        continue;
      }
      done.push(await runSuite(ws));
      queue.finished(ws);
      for (const resolve of waiting.splice(0)) resolve();
    }
  };
  await Promise.all(Array.from({ length: count }, lane));
  return done;
}

/** One workspace's `npm test`, its output held and printed whole when it ends. */
function runSuite(ws) {
  const out = join(resultsDir, `${ws.replaceAll('/', '-')}.json`);
  const began = Date.now();
  console.log(`· ${ws} started`);
  const child = spawn(
    'npm',
    ['test', '-w', ws, '--', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = [];
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      const seconds = Math.round((Date.now() - began) / 1000);
      process.stdout.write(`\n▶ ${ws} (${seconds} s)\n${Buffer.concat(output).toString('utf8')}`);
      resolve({ ws, status: code ?? signal, out, seconds });
    });
  });
}

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
