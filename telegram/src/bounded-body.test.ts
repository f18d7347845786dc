import { describe, expect, it } from 'vitest';
import { readBoundedText } from './bounded-body.ts';

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request('http://localhost/x', { method: 'POST', body, headers });

/** A body that arrives in chunks, without a Content-Length. */
function streamed(chunks: string[]): Request {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Request('http://localhost/x', { method: 'POST', body, duplex: 'half' } as RequestInit);
}

describe('readBoundedText', () => {
  it('reads a body up to the bound, across chunks', async () => {
    expect(await readBoundedText(post('héllo'), 6)).toBe('héllo');
    expect(await readBoundedText(streamed(['ab', 'cd', 'é']), 6)).toBe('abcdé');
    expect(await readBoundedText(post(null), 6)).toBe('');
  });

  it('refuses a declared length over the bound before reading', async () => {
    expect(await readBoundedText(post('short', { 'content-length': '7' }), 6)).toBe('too_large');
  });

  it('refuses a body that grows past the bound without declaring it', async () => {
    expect(await readBoundedText(streamed(['abcd', 'efg']), 6)).toBe('too_large');
  });
});
