/**
 * `npm run bench` [-- --only vibecode,wetty] [--rows echo,viewers]: runs every measurement (or those filling a row
 * whose id starts with one of `--rows`) on every system (or the `--only` ones), prints the one table and writes
 * bench/results/latest.json. Exits 1 when anything failed (the table still shows what was measured).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SYSTEM_IDS, type SystemId } from './results.ts';
import { runBench } from './run.ts';
import { formatTable } from './table.ts';

const { values } = parseArgs({ options: { only: { type: 'string' }, rows: { type: 'string' } } });
const only = values.only?.split(',').map((id) => id.trim());
const rows = values.rows?.split(',').map((prefix) => prefix.trim());
const unknown = only?.filter((id) => !(SYSTEM_IDS as readonly string[]).includes(id));
if (unknown?.length) {
  console.error(`unknown system(s): ${unknown.join(', ')}; known: ${SYSTEM_IDS.join(', ')}`);
  process.exit(2);
}

const say = (line: string) => console.error(`[bench] ${line}`);
const results = await runBench({ only: only as SystemId[] | undefined, rows, say });
const table = formatTable(results.rows, results.systems);
const dir = join(import.meta.dirname, '..', 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'latest.json'), `${JSON.stringify({ ...results, table }, null, 2)}\n`);

console.log(`\n${table}`);
const { machine } = results;
console.log(
  `${machine.cpus} × ${machine.cpuModel}, ${machine.memMiB} MiB, Node ${machine.node}, ${results.commit}, ` +
    `load ${machine.load.start.toFixed(1)} → ${machine.load.end.toFixed(1)}; ` +
    `${(results.durationMs / 1000).toFixed(0)} s (${Object.entries(results.phases)
      .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`)
      .join(', ')})`,
);
console.log('results: bench/results/latest.json');
if (results.errors.length > 0) {
  console.error(`\n${results.errors.length} error(s):\n${results.errors.map((e) => `  ${e}`).join('\n')}`);
  process.exitCode = 1;
}
