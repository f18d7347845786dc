import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../test/helpers.ts';
import { silentLogger } from './log.ts';
import { MAX_RESTARTS, Machine } from './machine.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function machine(script: string): { m: Machine; starts: () => number } {
  const dataDir = mkdtempSync(join(tmpdir(), 'localcloud-machine-'));
  dirs.push(dataDir);
  const m = new Machine({
    dropletId: 42,
    dataDir,
    command: [
      process.execPath,
      '-e',
      `require('fs').appendFileSync(process.env.VIBE_STATE_DIR + '/starts', 'x'); ${script}`,
    ],
    boot: { cpUrl: 'http://127.0.0.1:1', bootstrapToken: 'tok' },
    restartDelayMs: 5,
    log: silentLogger,
  });
  const file = join(m.sandbox, 'state', 'starts');
  return { m, starts: () => (existsSync(file) ? readFileSync(file, 'utf8').length : 0) };
}

it('restarts a gateway that exits by itself, at most MAX_RESTARTS times per power-on', async () => {
  const { m, starts } = machine('process.exit(3)');
  m.start();
  await waitFor('restart budget spent', async () => (starts() === 1 + MAX_RESTARTS ? true : undefined));
  await new Promise((r) => setTimeout(r, 200));
  expect(starts()).toBe(1 + MAX_RESTARTS);
  expect(m.running).toBe(false);

  m.start();
  await waitFor('a fresh budget after power on', async () => (starts() === 2 * (1 + MAX_RESTARTS) ? true : undefined));
  await m.destroy();
});

it('does not restart a gateway it stopped', async () => {
  const { m, starts } = machine('setInterval(() => {}, 60000)');
  m.start();
  await waitFor('started', async () => (starts() === 1 ? true : undefined));
  await m.stop();
  await new Promise((r) => setTimeout(r, 100));
  expect(starts()).toBe(1);
  expect(m.running).toBe(false);
  await m.destroy();
  expect(existsSync(m.sandbox)).toBe(false);
});
