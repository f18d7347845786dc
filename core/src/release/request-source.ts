/** The release source a request uses: the configured manifest URL, this request's logger, the Cache API. */
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { openReleaseCache } from './cache-api.ts';
import { type ReleaseCache, type ReleaseSource, releaseSource } from './release-source.ts';

export async function releaseSourceFor(c: Context<AppEnv>, manifestUrl: string): Promise<ReleaseSource> {
  const log = c.get('log');
  let cache: ReleaseCache | null = null;
  try {
    cache = await openReleaseCache();
  } catch (error) {
    log.warn('release cache unavailable', { error: String(error) });
  }
  return releaseSource(manifestUrl, { cache, log });
}
