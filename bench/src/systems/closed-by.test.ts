import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { closedBy } from './closed-by.ts';

let server: WebSocketServer | undefined;
afterEach(() => server?.close());

async function connected(): Promise<{ client: WebSocket; peer: Promise<WebSocket> }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  server = wss;
  await new Promise((resolve) => wss.once('listening', resolve));
  const peer = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  await new Promise((resolve) => client.once('open', resolve));
  return { client, peer };
}

describe('closedBy', () => {
  it('resolves once the socket it closes is closed', async () => {
    const { client } = await connected();
    await closedBy(client, () => client.close());
    expect(client.readyState).toBe(WebSocket.CLOSED);
  });

  it('resolves at once for a socket the other side already closed', async () => {
    const { client, peer } = await connected();
    const gone = new Promise((resolve) => client.once('close', resolve));
    (await peer).terminate();
    await gone;
    await expect(closedBy(client, () => client.close())).resolves.toBeUndefined();
  });
});
