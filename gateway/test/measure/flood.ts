/**
 * Output under a flood through the gateway's real path: `cat` of a 50 MiB text file (MiB/s from the command to
 * the prompt after it, how many frames carried it, the gateway's peak RSS), and Ctrl-C under `yes` (from the
 * keystroke to the prompt's answer to the command typed after it).
 *
 *   npx tsx gateway/test/measure/flood.ts [--mib 50] [--runs 3] [--env 'NODE_OPTIONS=...'] [--checkout | --prebuilt DIR]
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { arg, attachFloor, cpuSecondsOf, envArg, memoryOf, shellSession, startStack, summary } from './stack.ts';

const mib = Number(arg('mib', '50'));
const runs = Number(arg('runs', '3'));
const env = envArg();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const stack = await startStack({
  checkout: arg('checkout', 'false') === 'true',
  prebuilt: arg('prebuilt', ''),
  nodeFlags: arg('node-flags', ''),
  env,
});
const file = join(stack.sandbox.dir, 'flood.txt');
try {
  const { hub, gw } = stack;
  const line = `${'0123456789abcdefghijklmnopqrstuvwxyz'.repeat(2)}\n`;
  writeFileSync(file, line.repeat(Math.ceil((mib * 2 ** 20) / line.length)));
  await shellSession(stack, 1, 'echo RE""ADY');
  await hub.outputContains(1, 'READY\r\n');

  const floor = attachFloor(stack.sandbox, 'floor', 'bash');
  const pid = gw.child.pid as number;
  let cpu = 0;
  const rates: number[] = [];
  const floorRates: number[] = [];
  const frameSizes: number[] = [];
  // Each gateway run is followed by the same cat on the floor, so machine noise hits both alike.
  for (let i = 0; i < runs; i++) {
    const since = hub.mark();
    const cpu0 = cpuSecondsOf(pid);
    const t0 = performance.now();
    hub.send('session.input', { session_id: 1, data: `cat ${file}; echo CAT-DO""NE-${i}\r` });
    await hub.outputContains(1, `CAT-DONE-${i}`, since, 120_000);
    rates.push(mib / ((performance.now() - t0) / 1000));
    cpu += cpuSecondsOf(pid) - cpu0;
    const frames = hub.frames(1, since);
    frameSizes.push(frames.reduce((n, f) => n + f.payload.byteLength, 0) / frames.length);
    const t1 = performance.now();
    const done = floor.until(`CAT-DONE-${i}`);
    floor.write(`cat ${file}; echo CAT-DO""NE-${i}\r`);
    await done;
    floorRates.push(mib / ((performance.now() - t1) / 1000));
  }
  floor.kill();
  const catCpu = cpu / runs;
  const peak = memoryOf(pid).hwm;

  const ctrlC: number[] = [];
  for (let i = 0; i < runs; i++) {
    hub.send('session.input', { session_id: 1, data: 'yes\r' });
    await sleep(2000);
    const since = hub.mark();
    const t0 = performance.now();
    hub.send('session.input', { session_id: 1, data: '\x03' });
    hub.send('session.input', { session_id: 1, data: `echo INT-DO""NE-${i}\r` });
    await hub.outputContains(1, `INT-DONE-${i}`, since, 30_000);
    ctrlC.push(performance.now() - t0);
  }

  const r = summary(rates);
  const f = summary(floorRates);
  const c = summary(ctrlC);
  console.log(`flood; gateway: ${stack.runs}${Object.keys(env).length ? ` with ${JSON.stringify(env)}` : ''}`);
  console.log(
    `  cat ${mib} MiB: median ${r.p50.toFixed(1)} MiB/s (runs: ${rates.map((x) => x.toFixed(1)).join(', ')}); floor (tmux through node-pty) ${f.p50.toFixed(1)} MiB/s (runs: ${floorRates.map((x) => x.toFixed(1)).join(', ')})`,
  );
  console.log(
    `  during cat: mean frame ${(summary(frameSizes).p50 / 1024).toFixed(1)} KiB; gateway CPU ${catCpu.toFixed(2)} s a run, peak RSS ${peak.toFixed(1)} MiB`,
  );
  console.log(
    `  Ctrl-C under yes → prompt answers: median ${c.p50.toFixed(1)} ms (runs: ${ctrlC.map((x) => x.toFixed(1)).join(', ')})`,
  );
} finally {
  rmSync(file, { force: true });
  await stack.stop();
}
