/**
 * The test peer: stands in for the hub + gateway on the far side of `/ws/sessions/:id`. It speaks the real
 * protocol over a real WebSocket (binary output frames, snapshots, gateway offline/online), validates every
 * frame the browser sends with `@vibecode/schemas`, and serves the test page from the same origin.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeOutputFrame, message, type ProtocolMessage, parseTextFrame } from '@vibecode/schemas';
import { type WebSocket, WebSocketServer } from 'ws';
import { serveStatic } from './static-server.ts';

export class PeerConnection {
  readonly received: ProtocolMessage[] = [];
  readonly invalid: string[] = [];
  closed = false;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        this.invalid.push('binary frame from browser');
        return;
      }
      const parsed = parseTextFrame(data.toString());
      if (parsed.ok) this.received.push(parsed.value);
      else this.invalid.push(parsed.error.message);
    });
    ws.on('close', () => {
      this.closed = true;
    });
  }

  of<T extends ProtocolMessage['type']>(type: T): Extract<ProtocolMessage, { type: T }>[] {
    return this.received.filter((m): m is Extract<ProtocolMessage, { type: T }> => m.type === type);
  }

  output(sessionNumber: number, seq: number, text: string | Uint8Array): void {
    const payload = typeof text === 'string' ? new TextEncoder().encode(text) : text;
    this.ws.send(encodeOutputFrame(sessionNumber, seq, payload), { binary: true });
  }

  send(msg: ProtocolMessage): void {
    this.ws.send(JSON.stringify(msg));
  }

  snapshot(sessionNumber: number, seq: number, text: string, cursor: { x: number; y: number }): void {
    this.send(
      message('session.snapshot', { session_id: sessionNumber, cols: 80, rows: 24, text, cursor, seq, reason: 'gap' }),
    );
  }

  close(): void {
    this.ws.terminate();
  }
}

export class TestPeer {
  readonly connections: PeerConnection[] = [];
  #server: Server;
  #wss: WebSocketServer;

  private constructor(server: Server, wss: WebSocketServer) {
    this.#server = server;
    this.#wss = wss;
  }

  static async start(staticDir: string): Promise<TestPeer> {
    const server = createServer(serveStatic(staticDir));
    const wss = new WebSocketServer({ server, path: undefined });
    const peer = new TestPeer(server, wss);
    wss.on('connection', (ws, req) => {
      if (!req.url?.startsWith('/ws/sessions/')) {
        ws.close(1008, 'unknown path');
        return;
      }
      peer.connections.push(new PeerConnection(ws));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return peer;
  }

  get origin(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  pageUrl(sessionNumber: number, query: Record<string, string> = {}): string {
    const ws = `${this.origin.replace('http', 'ws')}/ws/sessions/${sessionNumber}`;
    return `${this.origin}/?${new URLSearchParams({ session: String(sessionNumber), ws, ...query })}`;
  }

  get last(): PeerConnection {
    const conn = this.connections.at(-1);
    if (!conn) throw new Error('no connection yet');
    return conn;
  }

  async stop(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
