/**
 * vitest globalSetup for the `worker` project: a gateway release host on 127.0.0.1 (the release host is an outside
 * service, so the tests run a stand-in over real HTTP: `inject('releaseHostUrl')`). It keeps files in memory:
 * `PUT /<path>` stores the body, `GET /<path>` serves it (404 when absent), and `GET /_requests/<prefix>` lists the
 * paths asked for under a prefix, oldest first. Each test puts its release under its own random prefix, so tests
 * never see each other's files.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

/** Files are a manifest, a signature and small stand-in tarballs. */
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_FILES = 10_000;

async function body(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_FILE_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const files = new Map<string, Buffer>();
  const requests: string[] = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://release-host').pathname;
    if (req.method === 'PUT') {
      const bytes = await body(req);
      if (bytes === null || files.size >= MAX_FILES) {
        res.writeHead(413).end();
        return;
      }
      files.set(path, bytes);
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'GET' && path.startsWith('/_requests/')) {
      const prefix = path.slice('/_requests'.length);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(requests.filter((p) => p.startsWith(prefix))));
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    requests.push(path);
    const file = files.get(path);
    if (file === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-length': file.byteLength }).end(file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('releaseHostUrl', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return () => new Promise((resolve) => server.close(() => resolve()));
}

declare module 'vitest' {
  export interface ProvidedContext {
    releaseHostUrl: string;
  }
}
