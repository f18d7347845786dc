/**
 * The browser's WebSocket as a `Transport` for `@vibecode/schemas/link`: binary frames arrive as ArrayBuffers, text
 * frames as strings. Browsers cannot send WebSocket pings, so the heartbeat is the protocol's `ping`, which the hub
 * answers with `pong` without waking (it matches this exact text).
 */
import { message } from '@vibecode/schemas';
import type { Dial } from '@vibecode/schemas/link';

const PING = JSON.stringify(message('ping', {}));

export function browserTransport(url: string | URL): Dial {
  return (events) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => events.open();
    ws.onmessage = (event) => {
      if (typeof event.data === 'string') events.message(event.data);
      else if (event.data instanceof ArrayBuffer) events.message(new Uint8Array(event.data));
    };
    ws.onclose = (event) => events.close(event.code, event.reason);
    const send = (data: string | Uint8Array) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      // The page sends only text; bytes (which the DOM types want on a plain ArrayBuffer) are copied.
      ws.send(typeof data === 'string' ? data : data.slice());
    };
    return {
      send,
      get bufferedAmount() {
        return ws.bufferedAmount;
      },
      ping: () => send(PING),
      // Browsers accept only 1000 and 3000–4999 from a page; the code is the server's business anyway.
      close: () => ws.close(),
      terminate: () => ws.close(),
    };
  };
}

/** `/ws/sessions/:id` on this page's origin, as ws: or wss:. */
export function sessionSocketUrl(sessionPath: string, origin: string = location.origin): URL {
  const url = new URL(sessionPath, origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}
