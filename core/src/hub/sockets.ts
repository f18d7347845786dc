/** Sending to and closing hub sockets without throwing: a socket may be closing at any moment. */
import { CloseCode, type MessageByType, message } from '@vibecode/schemas';

export function sendQuietly(ws: WebSocket, data: string | ArrayBuffer): void {
  try {
    ws.send(data);
  } catch {
    // A socket that is closing misses this frame; its close handler does the bookkeeping.
  }
}

/** The hub's answer to a frame it refuses: a typed `error` frame (the socket stays open unless the caller closes it). */
export function sendError(ws: WebSocket, error: Omit<MessageByType['error'], 'type' | 'schema_version'>): void {
  sendQuietly(ws, JSON.stringify(message('error', error)));
}

export function closeQuietly(ws: WebSocket | undefined, code: number, reason: string): void {
  try {
    ws?.close(code, reason);
  } catch {
    // Already closed.
  }
}

/** Hands a session's subscribers its `session.ended` frame, then closes them: nothing more will flow. */
export function endSubscribers(subscribers: readonly WebSocket[], ended: string): void {
  for (const sub of subscribers) sendQuietly(sub, ended);
  for (const sub of subscribers) closeQuietly(sub, CloseCode.SessionEnded, 'session ended');
}
