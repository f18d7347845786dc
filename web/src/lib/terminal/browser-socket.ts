/** The browser's WebSocket as a `LinkSocket`: binary frames arrive as ArrayBuffers, text frames as strings. */
import type { LinkSocket, SocketHandlers } from './session-link.ts';

export function browserSocket(url: string | URL): (handlers: SocketHandlers) => LinkSocket {
  return (handlers) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => handlers.open();
    ws.onmessage = (event) => {
      if (typeof event.data === 'string') handlers.text(event.data);
      else if (event.data instanceof ArrayBuffer) handlers.binary(new Uint8Array(event.data));
    };
    ws.onclose = () => handlers.close();
    return {
      send: (text) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(text);
      },
      close: () => {
        ws.onopen = ws.onmessage = ws.onclose = null;
        ws.close();
      },
    };
  };
}

/** `/ws/sessions/:id` on this page's origin, as ws: or wss:. */
export function sessionSocketUrl(sessionPath: string, origin: string = location.origin): URL {
  const url = new URL(sessionPath, origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}
