/**
 * The release cache on the Workers Cache API: a named cache (so its keys never meet the zone's own cached pages),
 * keyed by the manifest's URL, each entry expiring after RELEASE_CACHE_SECONDS. Where the Cache API keeps nothing
 * (a workers.dev host), every read goes to the release host, still bounded by its timeout.
 */
import type { CachedRelease, ReleaseCache } from './release-source.ts';
import { RELEASE_CACHE_SECONDS } from './release-source.ts';

const CACHE_NAME = 'vibecode-gateway-release';

export async function openReleaseCache(): Promise<ReleaseCache> {
  const cache = await caches.open(CACHE_NAME);
  return {
    async get(manifestUrl) {
      const hit = await cache.match(manifestUrl);
      // Entries are only ever written below, from a manifest that passed its schema.
      return hit ? ((await hit.json()) as CachedRelease) : undefined;
    },
    async put(manifestUrl, entry) {
      const headers = { 'cache-control': `max-age=${RELEASE_CACHE_SECONDS}` };
      await cache.put(manifestUrl, Response.json(entry, { headers }));
    },
  };
}
