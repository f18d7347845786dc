import WebSocket from 'ws';

/**
 * Runs `close` and resolves once `ws` is closed. A socket the other side already closed (a Worker reloading under
 * `wrangler dev` drops them all) emits no second 'close': waiting for one would hang the measurement's clean-up.
 */
export function closedBy(ws: WebSocket, close: () => void): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  close();
  return closed;
}
