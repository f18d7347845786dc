/**
 * A GET from the release host with a time bound and a size bound, both enforced while reading (a host that trickles
 * bytes or sends more than it declared is cut off). Every failure is `release.unavailable` naming the URL.
 */
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
    const declared = Number(res.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) {
      await res.body?.cancel();
      throw unavailable(url, `is larger than ${maxBytes} bytes`);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (res.body) {
      for await (const chunk of res.body) {
        size += chunk.byteLength;
        if (size > maxBytes) throw unavailable(url, `is larger than ${maxBytes} bytes`);
        chunks.push(chunk);
      }
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  } catch (error) {
    if (error instanceof ReleaseError) throw error;
    if (signal.aborted) throw unavailable(url, `did not answer within ${timeoutMs} ms`);
    throw unavailable(url, 'could not be reached');
  }
}
