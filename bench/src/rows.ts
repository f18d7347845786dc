/** Every row of the table, in order: what it measures, its unit and which direction is better. */
import type { RowSpec } from './results.ts';

export const VIEWER_COUNTS = [1, 10, 50] as const;

const spec = (id: string, label: string, unit: string, better: RowSpec['better']): RowSpec => ({
  id,
  label,
  unit,
  better,
});

export const ROWS: readonly RowSpec[] = [
  spec('echo-p50', 'echo, 1,000 keys back to back: p50', 'ms', 'lower'),
  spec('echo-p99', 'echo, 1,000 keys back to back: p99', 'ms', 'lower'),
  spec('think-p50', 'echo, 1,000 keys 50 ms apart: p50', 'ms', 'lower'),
  spec('think-p99', 'echo, 1,000 keys 50 ms apart: p99', 'ms', 'lower'),
  spec('cat-rate', '`cat` 50 MiB: throughput to the prompt', 'MiB/s', 'higher'),
  spec('cat-prompt', '`cat` 50 MiB: time to prompt', 'ms', 'lower'),
  spec('interrupt', 'Ctrl-C under `yes`: prompt back (median of 3)', 'ms', 'lower'),
  spec('reconnect-ring', 'reconnect, 64 KiB missed (inside the ring): screen restored', 'ms', 'lower'),
  spec('reconnect-past', 'reconnect, ≥ 2 MiB missed (past the 1 MiB ring): screen restored', 'ms', 'lower'),
  ...VIEWER_COUNTS.flatMap((n) => [
    spec(`viewers-${n}-first`, `${n} viewer${n > 1 ? 's' : ''} joining at once: first frame p50`, 'ms', 'lower'),
    spec(`viewers-${n}-p99`, `${n} viewer${n > 1 ? 's' : ''}: echo p99 of the worst viewer`, 'ms', 'lower'),
  ]),
  spec('rss-server-idle', 'RSS, server on the machine (gateway / peer server), 5 idle sessions', 'MiB', 'lower'),
  spec('rss-server-busy', 'RSS, server on the machine, 5 busy sessions (peak)', 'MiB', 'lower'),
  spec('rss-workerd-idle', 'RSS, workerd (Worker + DO), 5 idle sessions', 'MiB', 'lower'),
  spec('rss-workerd-busy', 'RSS, workerd, 5 busy sessions (peak)', 'MiB', 'lower'),
  spec('rss-tmux-idle', 'RSS, tmux server + clients, 5 idle sessions', 'MiB', 'lower'),
  spec('rss-tmux-busy', 'RSS, tmux server + clients, 5 busy sessions (peak)', 'MiB', 'lower'),
  spec('upload-rate', 'upload 20 MiB: throughput', 'MiB/s', 'higher'),
  spec('upload-rss', 'upload 20 MiB: peak RSS of the server on the machine', 'MiB', 'lower'),
  spec('upload-rss-workerd', 'upload 20 MiB: peak RSS of workerd', 'MiB', 'lower'),
  spec('download-rate', 'download 20 MiB: throughput', 'MiB/s', 'higher'),
  spec('download-rss', 'download 20 MiB: peak RSS of the server on the machine', 'MiB', 'lower'),
  spec('download-rss-workerd', 'download 20 MiB: peak RSS of workerd', 'MiB', 'lower'),
];
