/**
 * Reads a body whole, but never more than `max` bytes of it: the declared Content-Length is checked before anything
 * is read, and the stream is cut off at the bound in case the length was absent or wrong. Shared by request bodies
 * and by what the control plane fetches (release manifests), each mapping `too_large` to its own typed error.
 */
export async function readBounded(
  message: { headers: Headers; body: ReadableStream<Uint8Array> | null },
  max: number,
): Promise<Uint8Array | 'too_large'> {
  const declared = message.headers.get('content-length');
  if (declared !== null && Number(declared) > max) {
    await message.body?.cancel();
    return 'too_large';
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (message.body) {
    for await (const chunk of message.body) {
      size += chunk.byteLength;
      if (size > max) return 'too_large';
      chunks.push(chunk);
    }
  }
  return new Uint8Array(await new Blob(chunks).arrayBuffer());
}
