import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download } from './download.ts';

const body = Buffer.alloc(300_000, 7);
const limits = { maxBytes: 1_000_000, connectTimeoutMs: 2000, timeoutMs: 5000 };
const held: ServerResponse[] = [];

const server = createServer((req, res) => {
  switch (req.url) {
    case '/ok':
      res.writeHead(200, { 'Content-Length': body.length }).end(body);
      return;
    case '/chunked':
      res.writeHead(200);
      res.write(body.subarray(0, 1000));
      res.end(body.subarray(1000));
      return;
    case '/redirect':
      res.writeHead(302, { Location: '/ok' }).end();
      return;
    case '/huge-header':
      res.writeHead(200, { 'Content-Length': 5_000_000 });
      res.write(body);
      held.push(res);
      return;
    case '/huge-stream':
      res.writeHead(200);
      for (let i = 0; i < 4; i++) res.write(body);
      res.end();
      return;
    case '/truncated':
      res.writeHead(200, { 'Content-Length': body.length });
      res.write(body.subarray(0, 1000), () => res.destroy());
      return;
    case '/silent':
      held.push(res);
      return;
    default:
      res.writeHead(404).end();
  }
});
let base: string;

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of held) res.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function fetchAll(path: string, l = limits) {
  const chunks: Uint8Array[] = [];
  const progress: [number, number | undefined][] = [];
  const size = await download(`${base}${path}`, (c) => void chunks.push(c), l, {
    onProgress: (r, t) => progress.push([r, t]),
  });
  return { size, data: Buffer.concat(chunks), progress };
}

describe('download', () => {
  it('streams the body and reports progress up to the total', async () => {
    const { size, data, progress } = await fetchAll('/ok');
    expect(size).toBe(body.length);
    expect(data.equals(body)).toBe(true);
    expect(progress[0]).toEqual([0, body.length]);
    expect(progress.at(-1)).toEqual([body.length, body.length]);
  });

  it('follows redirects and takes bodies without a length', async () => {
    expect((await fetchAll('/redirect')).size).toBe(body.length);
    const chunked = await fetchAll('/chunked');
    expect(chunked.data.equals(body)).toBe(true);
    expect(chunked.progress[0]).toEqual([0, undefined]);
  });

  it('refuses a Content-Length over the cap before reading the body', async () => {
    await expect(fetchAll('/huge-header')).rejects.toMatchObject({ code: 'update.too_large' });
  });

  it('cuts a stream off when it passes the cap', async () => {
    await expect(fetchAll('/huge-stream')).rejects.toMatchObject({ code: 'update.too_large' });
  });

  it.each([
    ['/missing', /answered 404/],
    ['/truncated', /failed|got 1000 of/],
  ])('fails %s with update.download_failed', async (path, message) => {
    await expect(fetchAll(path)).rejects.toMatchObject({
      code: 'update.download_failed',
      message: expect.stringMatching(message),
    });
  });

  it('gives up on a server that never answers', async () => {
    const started = Date.now();
    await expect(fetchAll('/silent', { ...limits, connectTimeoutMs: 300 })).rejects.toMatchObject({
      code: 'update.download_failed',
      message: expect.stringMatching(/no answer .* within 300 ms/),
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('fails a refused connection and a non-http URL with typed errors', async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(download(`http://127.0.0.1:${port}/x`, () => undefined, limits)).rejects.toMatchObject({
      code: 'update.download_failed',
      message: expect.stringMatching(/ECONNREFUSED/),
    });
    await expect(download('file:///etc/passwd', () => undefined, limits)).rejects.toMatchObject({
      code: 'update.bad_request',
    });
  });
});
