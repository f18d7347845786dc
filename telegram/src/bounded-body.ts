/**
 * A request body read whole up to a bound, refusing past it whether or not Content-Length was declared (a declared
 * length over the bound is refused before reading). Nothing is buffered beyond `max + 1` bytes.
 */

export async function readBoundedText(request: Request, max: number): Promise<string | 'too_large'> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > max) return 'too_large';
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return 'too_large';
    }
    chunks.push(value);
  }
  return new Blob(chunks).text();
}
