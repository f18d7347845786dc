import { createLogger } from '@vibecode/schemas/log';
import { describe, expect, it } from 'vitest';
import { ReleaseError } from './release-error.ts';
import { type CachedRelease, type ReleaseCache, releaseSource } from './release-source.ts';

const manifestUrl = 'https://releases.example.com/gateway/manifest.json';
const manifest = { version: '0.2.0', schema_version: '1', sha256: 'c'.repeat(64), size: 99, node: '20.20.2' };
const der = Uint8Array.from([0x30, 0x45, ...new Array(69).fill(1)]);

/** The release host: what it serves by URL, and every URL it was asked for. */
function host(files: Record<string, string | Uint8Array>) {
  const asked: string[] = [];
  const fetch = async (url: string) => {
    asked.push(url);
    const body = files[url];
    return body === undefined ? new Response('not found', { status: 404 }) : new Response(body);
  };
  return { fetch, asked, files };
}

function memoryCache(): ReleaseCache & { entries: Map<string, CachedRelease> } {
  const entries = new Map<string, CachedRelease>();
  return { entries, get: async (url) => entries.get(url), put: async (url, entry) => void entries.set(url, entry) };
}

const log = createLogger({}, () => {});

describe('the release source', () => {
  it('reads the offered manifest once and then serves it from the cache', async () => {
    const release = host({ [manifestUrl]: JSON.stringify(manifest) });
    const cache = memoryCache();
    const source = releaseSource(manifestUrl, { cache, log, fetch: release.fetch });
    expect(await source.offered()).toEqual(manifest);
    expect(await source.offered()).toEqual(manifest);
    expect(release.asked).toEqual([manifestUrl]);
  });

  it('remembers that the host gave nothing, so the page does not wait on it again', async () => {
    const release = host({});
    const source = releaseSource(manifestUrl, { cache: memoryCache(), log, fetch: release.fetch });
    expect(await source.offered()).toBe(null);
    expect(await source.offered()).toBe(null);
    expect(release.asked).toHaveLength(1);
  });

  it('reads the latest manifest fresh for an update, and refreshes the cached copy', async () => {
    const release = host({});
    const cache = memoryCache();
    const source = releaseSource(manifestUrl, { cache, log, fetch: release.fetch });
    expect(await source.offered()).toBe(null);
    release.files[manifestUrl] = JSON.stringify(manifest);
    expect(await source.latest()).toEqual(manifest);
    expect(await source.offered()).toEqual(manifest);
  });

  it('fetches the signature beside the tarball, as base64', async () => {
    const tarball = 'https://releases.example.com/gateway/vibe-gateway-0.2.0-linux-x64.tar.gz';
    const release = host({ [`${tarball}.sig`]: der });
    const source = releaseSource(manifestUrl, { cache: null, log, fetch: release.fetch });
    expect(await source.signed(manifest)).toEqual({ url: tarball, signature: Buffer.from(der).toString('base64') });
    const missing = releaseSource(manifestUrl, { cache: null, log, fetch: host({}).fetch });
    await expect(missing.signed(manifest)).rejects.toBeInstanceOf(ReleaseError);
  });

  it('keeps working when the cache fails', async () => {
    const release = host({ [manifestUrl]: JSON.stringify(manifest) });
    const broken: ReleaseCache = {
      get: () => Promise.reject(new Error('cache down')),
      put: () => Promise.reject(new Error('cache down')),
    };
    expect(await releaseSource(manifestUrl, { cache: broken, log, fetch: release.fetch }).offered()).toEqual(manifest);
  });
});
