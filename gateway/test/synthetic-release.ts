/**
 * Small stand-in releases for the update's unit tests: the layout `ensureRelease` writes (VERSION, bin/,
 * lib/vibe-gateway.mjs) but with a launcher that runs the checkout's gateway, so the real watchdog runs from a
 * "previous release" in milliseconds instead of a 50 MiB build. Test-only code.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from './sandbox.ts';

/** Writes a release folder for `version` at `dir`. */
export function writeSyntheticRelease(dir: string, version: string): void {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  mkdirSync(join(dir, 'lib'), { recursive: true });
  writeFileSync(join(dir, 'VERSION'), `${version}\n`);
  writeFileSync(join(dir, 'bin', 'vibe-gateway'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  writeFileSync(join(dir, 'bin', 'node'), `#!/bin/sh\nexec "${process.execPath}" "$@"\n`);
  chmodSync(join(dir, 'bin', 'vibe-gateway'), 0o755);
  chmodSync(join(dir, 'bin', 'node'), 0o755);
  writeFileSync(join(dir, 'lib', 'vibe-gateway.mjs'), '// stand-in bundle\n');
}

/** A gzip'd tarball of `dir`'s contents (no top-level folder), as the release builder makes it. */
export function packRelease(dir: string, tarball: string): void {
  execFileSync('tar', ['-czf', tarball, '-C', dir, '.']);
}

export interface SigningKeys {
  privateKey: KeyObject;
  publicPem: string;
}

export function signingKeys(): SigningKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

export function signFile(path: string, keys: SigningKeys): Buffer {
  return sign('sha256', readFileSync(path), keys.privateKey);
}
