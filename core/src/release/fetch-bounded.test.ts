import { describe, expect, it } from 'vitest';
import { fetchBounded } from './fetch-bounded.ts';
import { ReleaseError } from './release-error.ts';

const url = 'https://releases.example.com/manifest.json';

async function failure(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    if (error instanceof ReleaseError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

/** A body that sends `chunks` pieces of `size` bytes, then ends. */
function streamed(chunks: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ < chunks) controller.enqueue(new Uint8Array(size));
      else controller.close();
    },
  });
}

describe('fetchBounded', () => {
  it('returns the whole body of a good answer', async () => {
    const bytes = await fetchBounded(url, {
      timeoutMs: 1000,
      maxBytes: 100,
      fetch: async () => new Response(streamed(3, 10)),
    });
    expect(bytes.byteLength).toBe(30);
  });

  it('refuses an error status, a declared or an actual size past the bound, and an unreachable host', async () => {
    const opts = (fetchFn: () => Promise<Response>) => ({ timeoutMs: 1000, maxBytes: 100, fetch: fetchFn });
    expect(
      await failure(
        fetchBounded(
          url,
          opts(async () => new Response('no', { status: 404 })),
        ),
      ),
    ).toBe(`release.unavailable: ${url} answered 404`);
    expect(
      await failure(
        fetchBounded(
          url,
          opts(async () => new Response('x', { headers: { 'content-length': '1000' } })),
        ),
      ),
    ).toContain('is larger than 100 bytes');
    expect(
      await failure(
        fetchBounded(
          url,
          opts(async () => new Response(streamed(20, 10))),
        ),
      ),
    ).toContain('is larger than 100 bytes');
    expect(
      await failure(
        fetchBounded(
          url,
          opts(async () => {
            throw new TypeError('fetch failed');
          }),
        ),
      ),
    ).toBe(`release.unavailable: ${url} could not be reached`);
  });

  it('gives up on a host that stops sending within the time bound', async () => {
    const hanging = fetchBounded(url, {
      timeoutMs: 50,
      maxBytes: 100,
      // As a real fetch does, the abort errors the body being read.
      fetch: async (_input, init) =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new Uint8Array(1));
              init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
            },
          }),
        ),
    });
    expect(await failure(hanging)).toBe(`release.unavailable: ${url} did not answer within 50 ms`);
  });
});
