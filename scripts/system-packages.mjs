#!/usr/bin/env node
/**
 * Debian packages the test suites and `npm start` need, each with the command that proves it is there. The one
 * list: `npm test`/`npm start` refuse with an install hint, and `.ci/run` installs what
 * `node scripts/system-packages.mjs test` prints.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const packages = [
  { pkg: 'tmux', probe: ['tmux', '-V'], for: ['start', 'test'] },
  { pkg: 'openssh-client', probe: ['ssh-keygen', '-?'], ok: [0, 1], for: ['test'] },
  { pkg: 'systemd', probe: ['systemd-analyze', '--version'], for: ['test'] },
  { pkg: 'cloud-init', probe: ['cloud-init', '--version'], for: ['test'] },
  { pkg: 'chromium', probe: ['chromium', '--version'], for: ['test'] },
];

/** @param {'start' | 'test'} purpose */
export function missingSystemPackages(purpose = 'test') {
  return packages
    .filter((p) => p.for.includes(purpose))
    .filter(({ probe, ok = [0] }) => {
      const run = spawnSync(probe[0], probe.slice(1), { stdio: 'ignore' });
      return run.error !== undefined || !ok.includes(run.status ?? -1);
    })
    .map((p) => p.pkg);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(missingSystemPackages(process.argv[2] === 'start' ? 'start' : 'test').join(' '));
}
