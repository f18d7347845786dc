/**
 * Unpacks a verified release tarball into a fresh folder and checks it is a release: a valid VERSION (equal to
 * the announced version, if any), the launcher, the runtime and the bundle (the layout `ensureRelease` writes).
 */
import { execFile } from 'node:child_process';
import { access, constants, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { updateError } from './update-error.ts';

/** common.json's gateway_version: a semver, which is also a safe folder name (no `/`, never `..`). */
const VERSION_PATTERN = /^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const TAR_TIMEOUT_MS = 120_000;

/** Files a release cannot run without; `bin/vibe-gateway` starts the daemon and the rollback watchdog. */
export const RELEASE_FILES = ['bin/vibe-gateway', 'bin/node', 'lib/vibe-gateway.mjs'] as const;

export function isReleaseVersion(value: string): boolean {
  return value.length <= 64 && VERSION_PATTERN.test(value);
}

/** `tar -xzf` into `dir` (created, must not exist). Files get the updating user as owner, never the tarball's. */
export async function unpackTarball(tarball: string, dir: string): Promise<void> {
  await mkdir(dir, { mode: 0o755 });
  await new Promise<void>((resolve, reject) => {
    execFile(
      'tar',
      ['-xzf', tarball, '-C', dir, '--no-same-owner'],
      { timeout: TAR_TIMEOUT_MS, maxBuffer: 64 * 1024 },
      (error, _stdout, stderr) => {
        if (!error) return resolve();
        const why = String(stderr).trim().split('\n').slice(-3).join('; ') || error.message;
        reject(updateError('update.bad_release', `tar could not unpack the release: ${why.slice(0, 400)}`));
      },
    );
  });
}

/** The release's version from its VERSION file. */
export async function readReleaseVersion(dir: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(join(dir, 'VERSION'), 'utf8');
  } catch {
    throw updateError('update.bad_release', 'the release has no VERSION file');
  }
  const version = text.trim();
  if (!isReleaseVersion(version))
    throw updateError('update.bad_release', `VERSION ${JSON.stringify(version.slice(0, 80))} is not a version`);
  return version;
}

/** Checks an unpacked release and returns its version. */
export async function inspectRelease(dir: string, announced: string | undefined): Promise<string> {
  const version = await readReleaseVersion(dir);
  if (announced !== undefined && version !== announced)
    throw updateError('update.bad_release', `the release says it is ${version}, the update announced ${announced}`);
  for (const file of RELEASE_FILES) {
    try {
      await access(join(dir, file), file.startsWith('bin/') ? constants.X_OK : constants.R_OK);
    } catch {
      throw updateError('update.bad_release', `the release lacks ${file}`);
    }
  }
  return version;
}
