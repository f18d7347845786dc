/**
 * Holds apt's locks in a droplet root the way a first boot's apt-daily or unattended-upgrade run does, so the test
 * sees the install script wait for them instead of failing. apt takes fcntl locks, which belong to the file, not to
 * the path: a host process locking the root's lock files blocks the chroot's apt just the same. Node has no fcntl,
 * so the holder is a few lines of python3 (on every machine that has cloud-init, a test package).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { DropletError } from './errors.ts';

const LOCKS = ['var/lib/apt/lists/lock', 'var/lib/dpkg/lock-frontend', 'var/lib/dpkg/lock'];
const HOLDER = [
  'import fcntl, sys',
  "files = [open(p, 'a') for p in sys.argv[1:]]",
  'for f in files: fcntl.lockf(f, fcntl.LOCK_EX)',
  "print('locked', flush=True)",
  'sys.stdin.read()',
].join('\n');

export interface AptLocks {
  /** Lets go of the locks and waits until the holder is gone. */
  release(): Promise<void>;
}

/** Resolves once every lock is held. */
export async function holdAptLocks(root: string): Promise<AptLocks> {
  const child = spawn('python3', ['-c', HOLDER, ...LOCKS.map((path) => join(root, path))], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = once(child, 'exit');
  await Promise.race([
    new Promise<void>((resolve) => child.stdout.on('data', () => output.includes('locked') && resolve())),
    exited.then(() => {
      throw new DropletError('droplet.command_failed', `could not hold apt's locks: ${output.trim()}`);
    }),
  ]);
  return {
    release: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
