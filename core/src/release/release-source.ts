/**
 * The release this control plane offers: the manifest at `GATEWAY_RELEASE_MANIFEST_URL` and its tarball's
 * signature, both served beside it. What the server page shows comes from a copy kept for RELEASE_CACHE_SECONDS,
 * "the host did not answer" included, so a page polled during an update never waits on the release host; an update
 * reads the manifest fresh (and refreshes that copy).
 */
import type { ReleaseManifest } from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import { type Fetch, fetchBounded } from './fetch-bounded.ts';
import { MAX_MANIFEST_BYTES, MAX_SIGNATURE_BYTES, parseManifest, releaseUrls, signatureBase64 } from './manifest.ts';
import { ReleaseError } from './release-error.ts';

/** Each read of the release host gives up after this long. */
export const RELEASE_FETCH_TIMEOUT_MS = 5000;
/**
 * How long a read manifest (or its absence) is reused: a page polled every few seconds during an update costs the
 * release host one read per 15 s per data center, and a newly published release shows within 15 s.
 */
export const RELEASE_CACHE_SECONDS = 15;

export type CachedRelease = { manifest: ReleaseManifest } | { unavailable: string };

/** Where the last read is kept, keyed by the manifest's URL; entries expire after RELEASE_CACHE_SECONDS. */
export interface ReleaseCache {
  get(manifestUrl: string): Promise<CachedRelease | undefined>;
  put(manifestUrl: string, entry: CachedRelease): Promise<void>;
}

export interface ReleaseSourceDeps {
  /** null where no cache is available: every read then goes to the host. */
  cache: ReleaseCache | null;
  log: Logger;
  fetch?: Fetch;
}

export interface SignedRelease {
  url: string;
  /** Base64 of the tarball's DER signature, as `gateway.update` carries it. */
  signature: string;
}

export interface ReleaseSource {
  /** The manifest as the host serves it now; `release.unavailable` when it does not serve a valid one. */
  latest(): Promise<ReleaseManifest>;
  /** The manifest as last read (at most RELEASE_CACHE_SECONDS old), or null while the host gives none. */
  offered(): Promise<ReleaseManifest | null>;
  /** The tarball's URL and signature for `gateway.update`. */
  signed(manifest: ReleaseManifest): Promise<SignedRelease>;
}

export function releaseSource(manifestUrl: string, deps: ReleaseSourceDeps): ReleaseSource {
  const { cache, log } = deps;
  const read = (url: string, maxBytes: number) =>
    fetchBounded(url, { timeoutMs: RELEASE_FETCH_TIMEOUT_MS, maxBytes, ...(deps.fetch ? { fetch: deps.fetch } : {}) });

  // A cache that fails costs a read of the host, never the request.
  const remember = async (entry: CachedRelease) => {
    try {
      await cache?.put(manifestUrl, entry);
    } catch (error) {
      log.warn('release cache write failed', { error: String(error) });
    }
  };
  const recall = async (): Promise<CachedRelease | undefined> => {
    try {
      return await cache?.get(manifestUrl);
    } catch (error) {
      log.warn('release cache read failed', { error: String(error) });
      return undefined;
    }
  };

  const latest = async (): Promise<ReleaseManifest> => {
    let manifest: ReleaseManifest;
    try {
      manifest = parseManifest(new TextDecoder().decode(await read(manifestUrl, MAX_MANIFEST_BYTES)), manifestUrl);
    } catch (error) {
      if (error instanceof ReleaseError) await remember({ unavailable: error.message });
      throw error;
    }
    await remember({ manifest });
    return manifest;
  };

  return {
    latest,
    async offered() {
      const cached = await recall();
      if (cached !== undefined) return 'manifest' in cached ? cached.manifest : null;
      try {
        return await latest();
      } catch (error) {
        if (!(error instanceof ReleaseError)) throw error;
        log.warn('release manifest unavailable', { error: error.message });
        return null;
      }
    },
    async signed(manifest) {
      const { tarball, signature } = releaseUrls(manifestUrl, manifest.version);
      return { url: tarball, signature: signatureBase64(await read(signature, MAX_SIGNATURE_BYTES), signature) };
    },
  };
}
