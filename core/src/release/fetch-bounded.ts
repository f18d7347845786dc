/**
 * A GET from the release host with a time bound and a size bound, both enforced while reading (a host that trickles
 * bytes or sends more than it declared is cut off). Every failure is `release.unavailable` naming the URL.
 */
import { readBounded } from '../http/bounded-read.ts';
import { ReleaseError } from './release-error.ts';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface BoundedFetch {
  timeoutMs: number;
  maxBytes: number;
  fetch?: Fetch;
}

const unavailable = (url: string, why: string) => new ReleaseError('release.unavailable', `${url} ${why}`);

export async function fetchBounded(url: string, options: BoundedFetch): Promise<Uint8Array> {
  const { timeoutMs, maxBytes } = options;
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetchFn(url, { signal, redirect: 'follow' });
    if (!res.ok) {
      await res.body?.cancel();
      throw unavailable(url, `answered ${res.status}`);
    }
    const bytes = await readBounded(res, maxBytes);
    if (bytes === 'too_large') throw unavailable(url, `is larger than ${maxBytes} bytes`);
    return bytes;
  } catch (error) {
    if (error instanceof ReleaseError) throw error;
    if (signal.aborted) throw unavailable(url, `did not answer within ${timeoutMs} ms`);
    throw unavailable(url, 'could not be reached');
  }
}
