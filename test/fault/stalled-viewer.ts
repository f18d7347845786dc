/**
 * A slowloris viewer: it opens a session socket like a browser (cookie, Origin, the WebSocket upgrade written by
 * hand on a plain TCP socket), asks for the session's output, and then reads nothing, so the kernel's buffers fill
 * and whatever more the hub sends it piles up on the hub's side. `drain()` later reads what the hub did queue for
 * it, up to the hub's close frame if it sent one, which is how a test learns what the hub kept for it.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { connect } from 'node:net';
import { message } from '@vibecode/schemas';
import type { Browser } from '../system/client.ts';

export interface Drained {
  /** Bytes of the binary (output) messages the hub had sent. */
  outputBytes: number;
  /** The code of the hub's close frame; null when the connection ended without one. */
  closeCode: number | null;
}

export interface StalledViewer {
  /**
   * Starts reading: resolves with what the hub had sent once its close frame or the connection's end arrives, or
   * once nothing more came for `quietMs` (a hub that never closed it).
   */
  drain(quietMs: number): Promise<Drained>;
  destroy(): void;
}

/** A client → server WebSocket text frame: FIN, opcode 1, masked as RFC 6455 requires of clients. */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  if (payload.length > 125) throw new Error('only short frames are needed here');
  const mask = randomBytes(4);
  const masked = payload.map((byte, i) => byte ^ (mask[i % 4] as number));
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
}

/** Reads server → client frames (never masked) off `buffer`; returns what is left of an incomplete frame. */
function readFrames(buffer: Buffer, onFrame: (opcode: number, payload: Buffer) => void): Buffer {
  let at = 0;
  for (;;) {
    if (buffer.length - at < 2) break;
    const opcode = (buffer[at] as number) & 0x0f;
    let length = (buffer[at + 1] as number) & 0x7f;
    let header = 2;
    if (length === 126) {
      if (buffer.length - at < 4) break;
      length = buffer.readUInt16BE(at + 2);
      header = 4;
    } else if (length === 127) {
      if (buffer.length - at < 10) break;
      length = Number(buffer.readBigUInt64BE(at + 2));
      header = 10;
    }
    if (buffer.length - at < header + length) break;
    onFrame(opcode, buffer.subarray(at + header, at + header + length));
    at += header + length;
  }
  return buffer.subarray(at);
}

export async function openStalledViewer(
  browser: Browser,
  session: { id: string; number: number },
): Promise<StalledViewer> {
  const { hostname, port } = new URL(browser.origin);
  const socket = connect({ host: '127.0.0.1', port: Number(port) });
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  socket.write(
    [
      `GET /ws/sessions/${session.id} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      `Origin: ${browser.origin}`,
      `Cookie: ${browser.cookie}`,
      '',
      '',
    ].join('\r\n'),
  );
  let pending: Buffer = Buffer.alloc(0);
  while (!pending.includes('\r\n\r\n')) {
    const [chunk] = (await once(socket, 'data')) as [Buffer];
    pending = Buffer.concat([pending, chunk]);
  }
  const end = pending.indexOf('\r\n\r\n') + 4;
  const status = pending.subarray(0, end).toString('latin1').split('\r\n')[0] ?? '';
  if (!status.includes(' 101 ')) {
    socket.destroy();
    throw new Error(`the session socket was refused: ${status}`);
  }
  pending = pending.subarray(end);
  // An attach that holds output asks for none of it back: the hub streams the session's output to this socket.
  socket.write(maskedTextFrame(JSON.stringify(message('session.attach', { session_id: session.number, last_seq: 1 }))));
  // From here on nothing is read: the receive window closes and the hub's sends back up.
  socket.pause();

  return {
    drain: (quietMs) =>
      new Promise<Drained>((resolve) => {
        const drained: Drained = { outputBytes: 0, closeCode: null };
        let quiet: NodeJS.Timeout | undefined;
        const finish = () => {
          clearTimeout(quiet);
          socket.destroy();
          resolve(drained);
        };
        const onData = (chunk: Buffer) => {
          clearTimeout(quiet);
          quiet = setTimeout(finish, quietMs);
          pending = readFrames(Buffer.concat([pending, chunk]), (opcode, payload) => {
            if (opcode === 0x2) drained.outputBytes += payload.length;
            if (opcode === 0x8) drained.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : null;
          });
          if (drained.closeCode !== null) finish();
        };
        socket.on('data', onData);
        socket.once('close', finish);
        onData(Buffer.alloc(0));
        socket.resume();
      }),
    destroy: () => socket.destroy(),
  };
}
