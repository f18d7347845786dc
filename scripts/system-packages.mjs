#!/usr/bin/env node
/**
 * Debian packages the test suites and `npm start` need, each with the command that proves it is there and why it is
 * needed. The one list: `npm test`/`npm start` install what is missing when they run as root with apt-get, and
 * otherwise stop with the one command to run (`ensureSystemPackages`); `.ci/run` installs what
 * `node scripts/system-packages.mjs test` prints.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const packages = [
  { pkg: 'tmux', probe: ['tmux', '-V'], for: ['start', 'test', 'bench'], why: 'gateway sessions run in tmux' },
  { pkg: 'openssh-client', probe: ['ssh-keygen', '-?'], ok: [0, 1], for: ['test'], why: 'checks key fingerprints' },
  { pkg: 'systemd', probe: ['systemd-analyze', '--version'], for: ['test'], why: 'verifies the gateway unit' },
  { pkg: 'cloud-init', probe: ['cloud-init', '--version'], for: ['test'], why: "validates the droplet's user_data" },
  { pkg: 'debootstrap', probe: ['debootstrap', '--version'], for: ['test'], why: 'builds the droplet test root' },
  { pkg: 'chromium', probe: ['chromium', '--version'], for: ['test'], why: 'the browser tests' },
  {
    pkg: 'libfaketime',
    probe: ['sh', '-c', 'ls /usr/lib/*/faketime/libfaketime.so.1'],
    for: ['test'],
    why: "jumps one gateway's wall clock in the key-expiry fault test",
  },
  {
    pkg: 'libpam0g-dev',
    probe: ['test', '-e', '/usr/include/security/pam_appl.h'],
    for: ['bench'],
    why: "the bench's VibeTunnel peer builds its PAM addon against it (vibetunnel#628)",
  },
];

/** @param {'start' | 'test' | 'bench'} purpose */
export function missingSystemPackages(purpose = 'test') {
  return packages
    .filter((p) => p.for.includes(purpose))
    .filter(({ probe, ok = [0] }) => {
      const run = spawnSync(probe[0], probe.slice(1), { stdio: 'ignore' });
      return run.error !== undefined || !ok.includes(run.status ?? -1);
    })
    .map((p) => p.pkg);
}

/**
 * What to do about `missing` packages on this host: nothing; install them (root with apt-get, as `.ci/run` does); or
 * stop with the one command to run. Pure, so the decision is tested without root or apt.
 * @param {string[]} missing
 * @param {{ root: boolean, apt: boolean }} host
 * @returns {{ action: 'none' } | { action: 'install', packages: string[] } | { action: 'hint', message: string }}
 */
export function systemPackagesPlan(missing, host) {
  if (missing.length === 0) return { action: 'none' };
  if (host.root && host.apt) return { action: 'install', packages: missing };
  const command = `${host.root ? '' : 'sudo '}apt-get install -y ${missing.join(' ')}`;
  return {
    action: 'hint',
    message: `Missing system packages: ${missing.join(' ')}. Install them with: ${command}\n${reasons(missing)}`,
  };
}

/** One line per package: what it is needed for. */
function reasons(names) {
  return names.map((name) => `  ${name}: ${packages.find((p) => p.pkg === name)?.why ?? 'needed'}`).join('\n');
}

/**
 * Makes sure `purpose`'s packages are there, installing them when it may (saying what and why); false when they
 * are still missing, after printing why and the command to run.
 * @param {'start' | 'test' | 'bench'} purpose
 * @param {(line: string) => void} say
 */
export function ensureSystemPackages(purpose, say) {
  const host = {
    root: process.getuid?.() === 0,
    apt: spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0,
  };
  const plan = systemPackagesPlan(missingSystemPackages(purpose), host);
  if (plan.action === 'none') return true;
  if (plan.action === 'hint') {
    say(plan.message);
    return false;
  }
  say(`Installing missing system packages (running as root with apt-get): ${plan.packages.join(' ')}`);
  say(reasons(plan.packages));
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;
  if (!apt(['update', '-qq']) || !apt(['install', '-y', '-qq', ...plan.packages])) {
    say(`apt-get could not install them. Install them with: apt-get install -y ${plan.packages.join(' ')}`);
    return false;
  }
  const still = missingSystemPackages(purpose);
  if (still.length > 0) say(`Still missing after apt-get install: ${still.join(' ')}`);
  return still.length === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(missingSystemPackages(process.argv[2] === 'start' ? 'start' : 'test').join(' '));
}
