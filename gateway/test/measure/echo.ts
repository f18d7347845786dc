/**
 * Keystroke echo latency through the gateway's real path (test hub → WebSocket → gateway → node-pty → tmux →
 * the program → back to the hub as an output frame), one key at a time, next to the floor: the same tmux
 * server attached through node-pty directly, no gateway. The program is `cat` on a raw, non-echoing tty, so
 * every key produces exactly its own byte and nothing else.
 *
 *   npx tsx gateway/test/measure/echo.ts [--keys 1000] [--think-ms 0] [--checkout | --prebuilt DIR]
 *
 * `--checkout` runs the gateway from the checkout (tsx) instead of the release bundle droplets run.
 */
import { performance } from 'node:perf_hooks';
import type { Recorded } from '../hub.ts';
import { arg, attachFloor, shellSession, startStack, summary } from './stack.ts';

const keys = Number(arg('keys', '1000'));
const thinkMs = Number(arg('think-ms', '0'));
/** Letters no CSI sequence ends with, so a redraw's escape codes are never mistaken for the echo. */
const ALPHABET = 'abegijkopvwxyz';
const RAW_CAT = "stty raw -echo; echo RE''ADY; exec cat";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (s: ReturnType<typeof summary>) =>
  `p50 ${s.p50.toFixed(3)} ms  p99 ${s.p99.toFixed(3)} ms  max ${s.max.toFixed(3)} ms  (n=${s.n})`;

/** Presses every key on both paths in turn, so machine noise (2 shared cores) hits both rows alike. */
async function typeAll(paths: ((key: string) => Promise<void>)[]): Promise<number[][]> {
  const times = paths.map(() => [] as number[]);
  for (let i = 0; i < keys; i++) {
    const key = ALPHABET[i % ALPHABET.length] as string;
    for (const [p, press] of paths.entries()) {
      const t0 = performance.now();
      await press(key);
      times[p]?.push(performance.now() - t0);
    }
    if (thinkMs > 0) await sleep(thinkMs);
  }
  return times;
}

const stack = await startStack({
  checkout: arg('checkout', 'false') === 'true',
  prebuilt: arg('prebuilt', ''),
  nodeFlags: arg('node-flags', ''),
});
try {
  const { hub, sandbox } = stack;
  const since = hub.mark();
  await shellSession(stack, 1, RAW_CAT);
  await hub.outputContains(1, 'READY', since);
  const isEcho = (key: string) => (r: Recorded) =>
    r.kind === 'binary' && r.sessionNumber === 1 && r.payload.includes(key);
  const viaGateway = async (key: string) => {
    const mark = hub.mark();
    hub.send('session.input', { session_id: 1, data: key });
    await hub.waitFor(isEcho(key), { since: mark, what: `echo of ${key}` });
  };

  const floorClient = attachFloor(sandbox, 'floor', RAW_CAT);
  await floorClient.until('READY');
  const viaTmux = (key: string) => {
    const echoed = floorClient.until(key);
    floorClient.write(key);
    return echoed;
  };
  const [gateway = [], floor = []] = await typeAll([viaGateway, viaTmux]);
  floorClient.kill();

  console.log(`echo, ${keys} keys one at a time${thinkMs ? `, ${thinkMs} ms think time` : ''}; gateway: ${stack.runs}`);
  console.log(`  gateway (hub → gateway → tmux → hub): ${fmt(summary(gateway))}`);
  console.log(`  floor (tmux through node-pty):        ${fmt(summary(floor))}`);
} finally {
  await stack.stop();
}
