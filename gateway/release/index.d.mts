/** Types of the release builder's public entry (index.mjs); the builder's JSDoc refers to them. */
import type { KeyObject } from 'node:crypto';
import type { Release } from './release.d.mts';

export type { Release, ReleaseManifest } from './release.d.mts';

export interface EnsureReleaseOptions {
  /** Default: `dist/gateway` at the repository root. */
  outDir?: string;
  /** Default: gateway/package.json's version. `x.y.z` or `x.y.z-pre`. */
  version?: string;
}

export type ReleaseErrorCode =
  | 'release.signing_key_missing'
  | 'release.signing_key_invalid'
  | 'release.version_invalid'
  | 'release.input_missing'
  | 'release.tool_failed';

export class ReleaseError extends Error {
  constructor(code: ReleaseErrorCode, message: string);
  readonly code: ReleaseErrorCode;
}

export const defaultOutDir: string;
export function tarballName(version: string): string;
/** Builds the unsigned tarball and manifest.json when missing or stale (by a hash of every input), else reuses them. */
export function ensureRelease(options?: EnsureReleaseOptions): Promise<Release>;
/** Writes the detached DER ECDSA P-256/SHA-256 signature (default `<tarball>.sig`); resolves to its path. */
export function signRelease(tarballPath: string, privateKeyPem: string, sigPath?: string): Promise<string>;
/** The P-256 private key in PEM (literal `\n` accepted); ReleaseError when missing, unreadable or another type. */
export function parseSigningKey(pem: string | undefined): KeyObject;
/** The SPKI PEM public half of a signing key. */
export function publicKeyPem(privateKeyPem: string): string;
/** A reproducible .tar.gz of `dir`'s contents (no top-level folder), made the way releases are. */
export function writeTarball(dir: string, file: string): Promise<void>;

export {
  type FileServer,
  type LocalRelease,
  type LocalReleaseOptions,
  serveFiles,
  serveLocalRelease,
} from './serve.d.mts';
