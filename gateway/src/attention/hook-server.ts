/**
 * The socket the agents' hooks reach the gateway on (`hooks.sock` in its state dir, which only the gateway's user
 * may enter): one JSON line per connection (agents/hook.mjs writes it), at most 64 KiB, read within 5 s, parsed by
 * `parseHookCall`. A bad call is logged and dropped: a hook has no one to answer.
 */
import { unlink } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import type { Logger } from '@vibecode/schemas/log';
import { toGatewayError } from '../errors.ts';
import { type HookCall, parseHookCall } from './hook-events.ts';

export const HOOK_SOCKET = 'hooks.sock';
const MAX_CALL_BYTES = 64 * 1024;
const READ_TIMEOUT_MS = 5000;

export interface HookServer {
  close(): Promise<void>;
}

export async function startHookServer(
  path: string,
  onCall: (call: HookCall) => void,
  log: Logger,
): Promise<HookServer> {
  // A socket file left by a gateway that died is in the way of listen().
  await unlink(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
  const server = createServer((socket) => readCall(socket, onCall, log));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readCall(socket: Socket, onCall: (call: HookCall) => void, log: Logger): void {
  const chunks: Buffer[] = [];
  let size = 0;
  socket.setTimeout(READ_TIMEOUT_MS, () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_CALL_BYTES) {
      log.warn('hook call refused', { code: 'hook.too_large' });
      socket.destroy();
      return;
    }
    chunks.push(chunk);
  });
  socket.on('end', () => {
    socket.end();
    try {
      onCall(parseHookCall(Buffer.concat(chunks).toString('utf8')));
    } catch (e) {
      log.warn('hook call refused', { code: toGatewayError(e, 'hook.invalid').code });
    }
  });
  socket.on('error', () => socket.destroy());
}
