/**
 * One JSON POST over `node:http`/`node:https`, for the gateway's registration. Not `fetch`: Node's fetch loads
 * undici and compiles its WebAssembly HTTP parser on first use, which stays resident for the life of the process —
 * measured on the release, a first boot that registered with `fetch` idled at 69.6 MiB RSS against 55.7 MiB for the
 * same gateway restarted with its stored credential (bench/README.md, "RSS"). The reply body is bounded.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

interface JsonReply {
  status: number;
  /** The parsed body, or undefined when it was not JSON. */
  body: unknown;
}

export type PostJson = (url: string, body: string, timeoutMs: number) => Promise<JsonReply>;

/** A registration reply is a few hundred bytes; anything far larger is not one. */
const MAX_REPLY_BYTES = 64 * 1024;

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const postJson: PostJson = (url, body, timeoutMs) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Content-Length': Buffer.byteLength(body),
      },
      timeout: timeoutMs,
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.byteLength;
        if (bytes > MAX_REPLY_BYTES) req.destroy(new Error(`reply larger than ${MAX_REPLY_BYTES} bytes`));
        else chunks.push(chunk);
      });
      res.on('error', reject);
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: parse(Buffer.concat(chunks).toString('utf8')) }),
      );
    });
    req.end(body);
  });
