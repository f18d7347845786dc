/** Types of serve.mjs (plain ESM, so `npm start` runs it without tsx). */
import type { Release } from './release.d.mts';

export interface FileServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export function serveFiles(
  files: Record<string, string>,
  options?: { host?: string; port?: number },
): Promise<FileServer>;

export interface LocalReleaseOptions {
  /** PEM EC P-256 private key (literal `\n` accepted) the release is signed with. */
  privateKeyPem: string;
  /** Where this caller's `.sig` is written (never beside a tarball another run may sign with another key). */
  signatureDir: string;
  /** `ensureRelease`'s: default `dist/gateway` and gateway/package.json's version. */
  outDir?: string;
  version?: string;
  host?: string;
  /** Default: a free port. */
  port?: number;
}

export interface LocalRelease extends FileServer {
  release: Release;
  /** `<url>/<tarball>`: GATEWAY_ARTIFACT_URL (the signature is `<artifactUrl>.sig`). */
  artifactUrl: string;
  /** `<url>/manifest.json`, beside the artifact (GATEWAY_RELEASE_MANIFEST_URL's default). */
  manifestUrl: string;
  /** The SPKI PEM public half of the key: GATEWAY_SIGNING_PUBLIC_KEY, what the droplet verifies with. */
  publicKeyPem: string;
}

/** Builds (or reuses) the release, signs it with the caller's key and serves it. */
export function serveLocalRelease(options: LocalReleaseOptions): Promise<LocalRelease>;
