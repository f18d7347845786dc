/** System packages the test suites and `npm start` need, by the command that proves each is there. */
import { spawnSync } from 'node:child_process';

const required = [
  { pkg: 'tmux', probe: ['tmux', '-V'] },
  { pkg: 'chromium', probe: ['chromium', '--version'] },
];

export function missingSystemPackages() {
  return required
    .filter(({ probe }) => spawnSync(probe[0], probe.slice(1), { stdio: 'ignore' }).status !== 0)
    .map((r) => r.pkg);
}
