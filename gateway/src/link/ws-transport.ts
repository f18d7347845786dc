/**
 * `ws` as a `Transport` for `@vibecode/schemas/link`: Bearer auth on the upgrade, a bounded inbound frame size, and
 * WebSocket-level ping/pong for the heartbeat. A refused upgrade (401 for a stale credential) is logged and ends
 * the attempt, so the socket core backs off and retries.
 */
import { MAX_TEXT_FRAME_BYTES } from '@vibecode/schemas';
import type { Dial } from '@vibecode/schemas/link';
import type { Logger } from '@vibecode/schemas/log';
import WebSocket from 'ws';

/**
 * Inbound frames larger than this close the socket (1009). It sits a little above the protocol's 1 MiB text
 * limit, so a frame just over that limit is answered with a typed error and the link carries on.
 */
const MAX_PAYLOAD_BYTES = MAX_TEXT_FRAME_BYTES + 64 * 1024;

export function wsTransport(url: string, credential: string, log: Logger): Dial {
  return (events) => {
    const ws = new WebSocket(url, {
      headers: { Authorization: `Bearer ${credential}` },
      maxPayload: MAX_PAYLOAD_BYTES,
      perMessageDeflate: false,
    });
    ws.on('open', () => events.open());
    ws.on('pong', () => events.pong());
    ws.on('message', (data, isBinary) => {
      const bytes = data as Buffer;
      events.message(isBinary ? bytes : bytes.toString('utf8'));
    });
    ws.on('unexpected-response', (_req, res) => {
      log.warn('link refused by the hub', { status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.on('error', (e) => {
      log.warn('link error', { error: e.message, code: (e as NodeJS.ErrnoException).code });
    });
    ws.on('close', (code, reason) => events.close(code, reason.toString('utf8')));
    const written = (error?: Error) => {
      if (!error) events.written();
    };
    return {
      send: (data) => {
        if (ws.readyState !== WebSocket.OPEN) return;
        if (typeof data === 'string') ws.send(data, written);
        else ws.send(data, { binary: true }, written);
      },
      get bufferedAmount() {
        return ws.bufferedAmount;
      },
      ping: () => {
        if (ws.readyState === WebSocket.OPEN) ws.ping();
      },
      close: (code, reason) => ws.close(code, reason),
      terminate: () => ws.terminate(),
    };
  };
}
