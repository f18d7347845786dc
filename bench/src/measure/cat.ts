/**
 * `cat` of a 50 MiB text file: from Enter to the marker printed after it (throughput: the file's size over that
 * time, whatever reached the viewer — tmux-based systems draw the screen, not every byte) and to the prompt.
 */
import { value } from '../results.ts';
import { mibPerSecond, toMiB } from '../stats.ts';
import { marker, PROMPT } from '../term/shell.ts';
import { eachSystem, type Measurement, now, withShell } from './kit.ts';

export const CAT_BYTES = 50 * 1024 * 1024;
const TIMEOUT_MS = 180_000;

export const catFile: Measurement = eachSystem('cat 50 MiB', ['cat-rate', 'cat-prompt'], (system, ctx) =>
  withShell(system, async (shell) => {
    const { log } = shell.typist;
    const done = marker('cat');
    const seen = log.expect([done.needle, PROMPT], TIMEOUT_MS, 'cat to finish');
    const before = log.chars;
    const sent = now();
    shell.typist.send(`cat ${ctx.bigFile}; ${done.command}\r`);
    const [printed, prompt] = (await seen) as [number, number];
    const wire = `${toMiB(log.chars - before).toFixed(1)} MiB reached the viewer`;
    return {
      'cat-rate': value(mibPerSecond(CAT_BYTES, printed - sent), undefined, wire),
      'cat-prompt': value(prompt - sent),
    };
  }),
);
