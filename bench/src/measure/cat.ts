/**
 * `cat` of a 50 MiB text file: from Enter to the marker printed after it (throughput: the file's size over that
 * time, whatever reached the viewer — tmux-based systems draw the screen, not every byte) and to the prompt.
 *
 * A system that passes every byte on and is starved of CPU (VibeTunnel on a busy machine) can need minutes. At the
 * time limit the throughput is what reached the viewer over the time taken, which is what it measured for such a
 * system anyway, and the time to prompt is n/a with how far it got; Ctrl-C (or closing the shell) stops the `cat`.
 */
import { na, value } from '../results.ts';
import { mibPerSecond, toMiB } from '../stats.ts';
import { WaitTimeout } from '../term/output-log.ts';
import { marker, PROMPT } from '../term/shell.ts';
import { eachSystem, type Measurement, now, withShell } from './kit.ts';

export const CAT_BYTES = 50 * 1024 * 1024;
const LIMIT_MS = 120_000;
const STOP_MS = 60_000;

export const catFile: Measurement = eachSystem('cat 50 MiB', ['cat-rate', 'cat-prompt'], (system, ctx) =>
  withShell(system, async (shell) => {
    const { log } = shell.typist;
    const done = marker('cat');
    const seen = log.expect([done.needle, PROMPT], LIMIT_MS, 'cat to finish');
    const before = log.chars;
    const sent = now();
    shell.typist.send(`cat ${ctx.bigFile}; ${done.command}\r`);
    try {
      const [printed, prompt] = (await seen) as [number, number];
      const wire = `${toMiB(log.chars - before).toFixed(1)} MiB reached the viewer`;
      return {
        'cat-rate': value(mibPerSecond(CAT_BYTES, printed - sent), undefined, wire),
        'cat-prompt': value(prompt - sent),
      };
    } catch (error) {
      if (!(error instanceof WaitTimeout)) throw error;
      const shown = log.chars - before;
      const elapsed = now() - sent;
      const back = log.waitFor(PROMPT, STOP_MS, 'the prompt after Ctrl-C');
      shell.typist.send('\x03');
      // A system still far behind is stopped by closing the shell instead.
      await back.catch(() => undefined);
      const progress = `${toMiB(shown).toFixed(1)} MiB of ${toMiB(CAT_BYTES)} shown in ${(elapsed / 1000).toFixed(0)} s`;
      return {
        'cat-rate': value(mibPerSecond(shown, elapsed), 'unfinished', progress),
        'cat-prompt': na(`no prompt within ${LIMIT_MS / 1000} s: ${progress}`),
      };
    }
  }),
);
