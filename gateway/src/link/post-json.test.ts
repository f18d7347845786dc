import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postJson } from './post-json.ts';

let server: Server | undefined;

const close = (running: Server) => new Promise((resolve) => running.close(resolve));

afterEach(async () => {
  if (server) await close(server);
  server = undefined;
});

async function serve(answer: (body: string, headers: Record<string, unknown>) => [number, string]): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const [status, text] = answer(body, req.headers);
      res.writeHead(status, { 'content-type': 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/gateways/register`;
}

describe('postJson', () => {
  it('posts the body as JSON and parses the JSON reply with its status', async () => {
    const url = await serve((body, headers) => [
      201,
      JSON.stringify({ got: JSON.parse(body), type: headers['content-type'] }),
    ]);
    expect(await postJson(url, JSON.stringify({ a: 1 }), 5000)).toEqual({
      status: 201,
      body: { got: { a: 1 }, type: 'application/json' },
    });
  });

  it('gives an undefined body for a reply that is not JSON', async () => {
    const url = await serve(() => [502, '<html>bad gateway</html>']);
    expect(await postJson(url, '{}', 5000)).toEqual({ status: 502, body: undefined });
  });

  it('rejects when nothing listens', async () => {
    const url = await serve(() => [200, '{}']);
    if (server) await close(server);
    server = undefined;
    await expect(postJson(url, '{}', 5000)).rejects.toThrow();
  });
});
