/**
 * Runs the repo's own checkers (dependency-cruiser with the root's .dependency-cruiser.cjs, knip with knip.jsonc)
 * on a synthetic workspace tree in a temp dir: the workspaces' real names and folders, a package entry each, linked
 * under node_modules/@vibecode as npm links them, and whatever files a test adds.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

/** Workspace folder → package name, read from the real package.json files. */
export function workspaces(): Map<string, string> {
  const folders = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  return new Map(
    folders.map((folder) => {
      const pkg = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')) as { name: string };
      return [folder, pkg.name];
    }),
  );
}

export interface Tree {
  dir: string;
  write(path: string, text: string): void;
  remove(): void;
}

/** Each workspace exports `./src/index.ts`; core also `./ports` (`src/ports.ts`), as the real ones do. */
export function syntheticTree(): Tree {
  const dir = mkdtempSync(join(tmpdir(), 'vibe-architecture-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const all = workspaces();
  write('package.json', JSON.stringify({ name: 'synthetic', private: true, workspaces: [...all.keys()] }));
  for (const [folder, name] of all) {
    const exports = folder === 'core' ? { '.': './src/index.ts', './ports': './src/ports.ts' } : './src/index.ts';
    write(join(folder, 'package.json'), JSON.stringify({ name, type: 'module', exports }));
    write(join(folder, 'src', 'index.ts'), 'export const part = 1;\n');
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(join(dir, folder), join(dir, 'node_modules', name));
  }
  write('core/src/ports.ts', 'export type Port = { name: string };\n');
  return { dir, write, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** dependency-cruiser over `paths` (default: the whole tree) with `config` (default: the repo's). */
export function cruise(dir: string, config = join(root, '.dependency-cruiser.cjs'), paths = ['.']): Violation[] {
  const run = spawnSync(bin('depcruise'), ['--config', config, '--no-cache', '--output-type', 'json', ...paths], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!run.stdout.startsWith('{')) throw new Error(`depcruise failed (exit ${run.status}):\n${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

/** knip with the repo's knip.jsonc, in `dir`: its exit status and report. */
export function knip(dir: string): { status: number | null; output: string } {
  const run = spawnSync(bin('knip'), ['--no-progress', '--config', join(root, 'knip.jsonc')], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}
