/**
 * The release manifest (`manifest.json`, schemas/api/release-manifest.json) and what follows from it: where the
 * tarball and its signature are, whether this control plane can speak to the release, and whether it is an update
 * for a gateway of a given version.
 */
import { type ReleaseManifest, SCHEMA_VERSION, validateApiResource } from '@vibecode/schemas';
import { bytesToBase64 } from '@vibecode/schemas/encoding';
import { ReleaseError } from './release-error.ts';
import { isNewer } from './semver.ts';

/** Bounds on what the release host may send: a manifest is ~200 bytes, a P-256 signature ≤ 72. */
export const MAX_MANIFEST_BYTES = 4096;
export const MAX_SIGNATURE_BYTES = 512;

/** The release tooling's file name for a version's tarball (its signature is the same name + `.sig`). */
export const tarballName = (version: string): string => `vibe-gateway-${version}-linux-x64.tar.gz`;

/** The tarball and signature of the manifest's release, served beside the manifest. */
export function releaseUrls(manifestUrl: string, version: string): { tarball: string; signature: string } {
  const tarball = new URL(tarballName(version), manifestUrl).href;
  return { tarball, signature: `${tarball}.sig` };
}

/** The manifest in `text`, or `release.unavailable` saying what is wrong with it. */
export function parseManifest(text: string, url: string): ReleaseManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ReleaseError('release.unavailable', `the release manifest at ${url} is not JSON`);
  }
  const checked = validateApiResource('ReleaseManifest', value);
  if (!checked.ok) {
    throw new ReleaseError(
      'release.unavailable',
      `the release manifest at ${url} is invalid: ${checked.error.message}`,
    );
  }
  return checked.value;
}

/** A release whose gateway speaks the protocol this control plane speaks. */
export const isCompatible = (manifest: ReleaseManifest): boolean => manifest.schema_version === SCHEMA_VERSION;

/** Refuses (`release.incompatible`) a release this control plane could not talk to once installed. */
export function requireCompatible(manifest: ReleaseManifest): ReleaseManifest {
  if (isCompatible(manifest)) return manifest;
  throw new ReleaseError(
    'release.incompatible',
    `release ${manifest.version} speaks protocol ${manifest.schema_version}; this control plane speaks ${SCHEMA_VERSION}`,
  );
}

/** "Update available": the release, when it is compatible and newer than the gateway's version. */
export function updateOffer(
  gatewayVersion: string | null,
  manifest: ReleaseManifest | null,
): { version: string } | null {
  if (manifest === null || gatewayVersion === null || !isCompatible(manifest)) return null;
  return isNewer(manifest.version, gatewayVersion) ? { version: manifest.version } : null;
}

/**
 * A detached signature as the gateway takes it (base64 of the DER bytes). DER ECDSA signatures are a SEQUENCE
 * (0x30) of ~70 bytes; anything else is a wrong file, refused here rather than sent to the gateway to refuse.
 */
export function signatureBase64(bytes: Uint8Array, url: string): string {
  if (bytes.byteLength < 8 || bytes.byteLength > MAX_SIGNATURE_BYTES || bytes[0] !== 0x30) {
    throw new ReleaseError('release.unavailable', `the release signature at ${url} is not a DER signature`);
  }
  return bytesToBase64(bytes);
}
