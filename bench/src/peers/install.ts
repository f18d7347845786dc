/**
 * The peers are installed by the bench into its own cache folder (default ~/.cache/vibecode/bench-peers, or
 * $XDG_CACHE_HOME/vibecode/bench-peers), one folder per pinned version, reused while it is complete: never into the
 * repo and never as project dependencies. npm downloads into a cache inside that folder too.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../proc/command.ts';

export interface PeerPackage {
  /** Folder name and what the install is called in messages. */
  name: string;
  /** Exact versions: the package itself and whatever its install needs beside it. */
  dependencies: Record<string, string>;
  /** A file, relative to the install folder, that exists only after a complete install. */
  entry: string;
}

export function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'vibecode', 'bench-peers');
}

const STAMP = '.bench-installed';

/** The stamp names exactly what was installed, so a changed pin reinstalls instead of reusing. */
const stampText = (peer: PeerPackage) => `${JSON.stringify(peer.dependencies)}\n`;

export interface Installed {
  dir: string;
  /** false when a complete earlier install was reused. */
  installed: boolean;
  ms: number;
}

export async function ensurePeer(peer: PeerPackage, root = cacheRoot()): Promise<Installed> {
  const started = performance.now();
  const dir = join(root, peer.name);
  const stamp = join(dir, STAMP);
  const complete =
    existsSync(stamp) && readFileSync(stamp, 'utf8') === stampText(peer) && existsSync(join(dir, peer.entry));
  if (complete) return { dir, installed: false, ms: performance.now() - started };
  // Whatever is there is from another pin or an install that did not finish: start clean.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ private: true, description: 'vibecode bench peer', dependencies: peer.dependencies }, null, 2)}\n`,
  );
  await runCommand(
    'npm',
    ['install', '--no-audit', '--no-fund', '--omit=dev', '--no-package-lock', '--cache', join(root, 'npm-cache')],
    { cwd: dir },
  );
  if (!existsSync(join(dir, peer.entry))) throw new Error(`${peer.name}: installed, but ${peer.entry} is missing`);
  writeFileSync(stamp, stampText(peer));
  return { dir, installed: true, ms: performance.now() - started };
}
