/**
 * File transfer as each web UI offers it: 20 MiB of random bytes up, then the same file down, each timed from the
 * request to the last byte, with the peak resident size of the serving processes meanwhile.
 */
import { randomFillSync } from 'node:crypto';
import { peakRssDuring, ROLE_ABSENT, type RoleBytes } from '../proc/rss.ts';
import { type Cell, na, value } from '../results.ts';
import { mibPerSecond, toMiB } from '../stats.ts';
import { type Cells, eachSystem, fill, type Measurement, now, withShell } from './kit.ts';

const FILE_BYTES = 20 * 1024 * 1024;
const ROWS = [
  'upload-rate',
  'upload-rss',
  'upload-rss-workerd',
  'download-rate',
  'download-rss',
  'download-rss-workerd',
];

const rss = (peak: RoleBytes, role: 'server' | 'workerd'): Cell => {
  const bytes = peak[role];
  return bytes ? value(toMiB(bytes)) : na(ROLE_ABSENT[role]);
};

export const files: Measurement = eachSystem('files', ROWS, (system) => {
  if (system.lacks.files) return Promise.resolve(fill(ROWS, na(system.lacks.files)));
  return withShell(system, async (shell) => {
    const transfer = shell.files;
    if (!transfer) throw new Error('the shell offers no file transfer');
    const data = randomFillSync(new Uint8Array(FILE_BYTES));
    const roles = system.processes();
    const up = await peakRssDuring(roles, async () => {
      const started = now();
      await transfer.upload(data, 'bench-upload.bin');
      return now() - started;
    });
    const down = await peakRssDuring(roles, async () => {
      const started = now();
      const bytes = await transfer.download('bench-upload.bin');
      if (bytes !== FILE_BYTES) throw new Error(`downloaded ${bytes} bytes of ${FILE_BYTES}`);
      return now() - started;
    });
    const cells: Cells = {
      'upload-rate': value(mibPerSecond(FILE_BYTES, up.result)),
      'upload-rss': rss(up.peak, 'server'),
      'upload-rss-workerd': rss(up.peak, 'workerd'),
      'download-rate': value(mibPerSecond(FILE_BYTES, down.result)),
      'download-rss': rss(down.peak, 'server'),
      'download-rss-workerd': rss(down.peak, 'workerd'),
    };
    return cells;
  });
});
