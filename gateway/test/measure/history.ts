/**
 * What tmux's scrollback costs: the tmux server's RSS once `panes` panes of `cols`×`rows` have each had a 50 MiB
 * text file `cat` through them (far more lines than any history-limit, so every history is full), for each
 * history-limit asked. One gateway (the release) and tmux server per limit.
 *
 *   npx tsx gateway/test/measure/history.ts [--limits 2000,5000,10000,50000] [--panes 1] [--cols 80] [--rows 24]
 *                                           [--colour] [--checkout | --prebuilt DIR]
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arg, memoryOf, shellSession, startStack, tmuxServerPid } from './stack.ts';

const limits = arg('limits', '2000,5000,10000,50000').split(',').map(Number);
const panes = Number(arg('panes', '1'));
const cols = Number(arg('cols', '80'));
const rows = Number(arg('rows', '24'));
/** Each line's words in 24-bit colour, as agents print them; plain text otherwise. */
const colour = arg('colour', 'false') === 'true';

console.log(
  `tmux server RSS after ${panes} pane(s) of ${cols}x${rows} each showed a 50 MiB cat of ${colour ? '24-bit coloured' : 'plain'} 76-column lines`,
);
for (const limit of limits) {
  const stack = await startStack({ checkout: arg('checkout', 'false') === 'true', prebuilt: arg('prebuilt', '') });
  const file = join(stack.sandbox.dir, 'lines.txt');
  try {
    const { hub, sandbox } = stack;
    const words = ['0123456789', 'abcdefghij', 'klmnopqrst', 'uvwxyz0123', '456789abcd', 'efghijklmn', 'opqrstuvwx'];
    const line = `${words.map((w, i) => (colour ? `\x1b[38;2;${40 * i};120;200m${w}` : w)).join(' ')}${colour ? '\x1b[0m' : ''}\n`;
    writeFileSync(file, line.repeat(Math.ceil((50 * 2 ** 20) / line.length)));
    // The gateway starts its tmux server with the first session; the limit applies to panes made after it.
    await shellSession(stack, 99, 'true');
    sandbox.tmux('set-option', '-g', 'history-limit', String(limit));
    const ending = hub.mark();
    hub.send('session.end', { session_id: 99 });
    await hub.event('session.ended', { since: ending });
    const before = memoryOf(tmuxServerPid(sandbox)).rss;
    for (let id = 1; id <= panes; id++) {
      await shellSession(stack, id, 'echo RE""ADY');
      hub.send('session.resize', { session_id: id, cols, rows });
      const since = hub.mark();
      hub.send('session.input', { session_id: id, data: `cat ${file}; echo CAT-DO""NE\r` });
      await hub.outputContains(id, 'CAT-DONE', since, 300_000);
    }
    const history = sandbox.tmux('display-message', '-p', '-t', '=m1:', '#{history_size}').trim();
    const after = memoryOf(tmuxServerPid(sandbox)).rss;
    console.log(
      `  history-limit ${String(limit).padStart(6)}: ${after.toFixed(1)} MiB (${before.toFixed(1)} MiB before; pane 1 holds ${history} lines)`,
    );
  } finally {
    rmSync(file, { force: true });
    await stack.stop();
  }
}
