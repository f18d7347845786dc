/**
 * The environment a test's own tmux server runs its shells in: this process's, with a home in the test's folder.
 * Interactive bash reads `~/.bashrc`, and this machine's (root's: pyenv's init) once hung every new shell after a
 * killed `pyenv rehash` left its lock file behind; nor should a test write the machine's shell history.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnvironment } from '../src/tmux/tmux.ts';

export function shellEnvironment(dir: string): Record<string, string> {
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  return cleanEnvironment({ ...process.env, HOME: home });
}
