/**
 * Resident memory of the gateway (the release bundle, as droplets run it) idle and with busy sessions, and of
 * its tmux server. Each session runs a workload with a viewer attached (the test hub acks like a viewer that
 * keeps up); RSS is sampled every 100 ms while they run.
 *
 *   npx tsx gateway/test/measure/memory.ts [--sessions 5] [--seconds 40] [--workload seq | draw | --command '...']
 *                                          [--env 'NODE_OPTIONS=...,K=V'] [--node-flags '...'] [--checkout | --prebuilt DIR]
 *
 * `seq` loops `seq 1 20000` (tmux redraws: little reaches the gateway); `draw` writes single characters at random
 * cursor positions in 24-bit colour, which tmux must forward nearly byte for byte (~0.3 MiB/s a session here).
 * `--env` adds to the gateway's environment, `--node-flags` starts the release's node with other flags.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arg, cpuSecondsOf, envArg, memoryOf, shellSession, startStack, summary, tmuxServerPid } from './stack.ts';

const DRAW = `import random, sys
while True:
    r = lambda n: random.randint(1, n)
    sys.stdout.write('\\x1b[%d;%dH\\x1b[38;2;%d;%d;%dm%c' % (r(24), r(80), r(255), r(255), r(255), 32 + r(94)))
    sys.stdout.flush()
`;

const sessions = Number(arg('sessions', '5'));
const seconds = Number(arg('seconds', '40'));
const workload = arg('workload', 'seq');
const env = envArg();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mib = (n: number) => `${n.toFixed(1)} MiB`;

async function sample(pid: number, ms: number): Promise<{ rss: number[]; anon: number[] }> {
  const out = { rss: [] as number[], anon: [] as number[] };
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) {
    const m = memoryOf(pid);
    out.rss.push(m.rss);
    out.anon.push(m.anon);
  }
  return out;
}

const stack = await startStack({
  checkout: arg('checkout', 'false') === 'true',
  prebuilt: arg('prebuilt', ''),
  nodeFlags: arg('node-flags', ''),
  env,
});
try {
  const { hub, sandbox, gw } = stack;
  const pid = gw.child.pid as number;
  const drawScript = join(sandbox.dir, 'draw.py');
  writeFileSync(drawScript, DRAW);
  const command = arg('command', workload === 'draw' ? `python3 ${drawScript}` : 'while :; do seq 1 20000; done');
  const idle = await sample(pid, 3000);
  for (let id = 1; id <= sessions; id++) await shellSession(stack, id, command);
  const since = hub.mark();
  const cpu0 = cpuSecondsOf(pid);
  const busy = await sample(pid, seconds * 1000);
  const cpu = (cpuSecondsOf(pid) - cpu0) / seconds;
  const bytes = hub.frames(1, since).reduce((n, f) => n + f.payload.byteLength, 0);
  const tmux = tmuxServerPid(sandbox);
  console.log(
    `gateway: ${stack.runs}${Object.keys(env).length ? ` with ${JSON.stringify(env)}` : ''}; ${sessions} sessions: ${command}`,
  );
  const [idleRss, idleAnon, busyRss, busyAnon] = [idle.rss, idle.anon, busy.rss, busy.anon].map(summary) as [
    ReturnType<typeof summary>,
    ReturnType<typeof summary>,
    ReturnType<typeof summary>,
    ReturnType<typeof summary>,
  ];
  console.log(`  gateway RSS idle:  p50 ${mib(idleRss.p50)} (anonymous ${mib(idleAnon.p50)})`);
  console.log(
    `  gateway RSS busy:  p50 ${mib(busyRss.p50)}  max ${mib(busyRss.max)} (anonymous p50 ${mib(busyAnon.p50)}, max ${mib(busyAnon.max)}; ${busyRss.n} samples over ${seconds} s)`,
  );
  console.log(
    `  gateway peak RSS (VmHWM): ${mib(memoryOf(pid).hwm)}; CPU while busy ${(cpu * 100).toFixed(1)}% of a core`,
  );
  console.log(`  session 1 output while sampled: ${mib(bytes / 2 ** 20)} (${mib(bytes / 2 ** 20 / seconds)}/s)`);
  console.log(
    `  tmux server RSS: ${mib(memoryOf(tmux).rss)}; history-limit ${sandbox.tmux('show-options', '-gv', 'history-limit').trim()}`,
  );
} finally {
  await stack.stop();
}
