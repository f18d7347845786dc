/** Reading request bodies with bounded memory, and writing the stand-in's JSON replies. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ReadBody {
  /** At most `keep` bytes: the start of the body. */
  bytes: Buffer;
  /** The body's full length, counted while the rest is drained. */
  size: number;
}

/**
 * Reads the whole request but keeps only its first `keep` bytes, so a caller can still answer 404/401 before 413 for
 * an oversized body and the connection stays usable.
 */
export async function readBody(req: IncomingMessage, keep: number): Promise<ReadBody> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let size = 0;
  for await (const chunk of req) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (kept < keep) {
      const part = bytes.subarray(0, keep - kept);
      chunks.push(part);
      kept += part.length;
    }
  }
  return { bytes: Buffer.concat(chunks), size };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-length': 0 });
  res.end();
}
