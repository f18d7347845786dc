/**
 * WeTTY, driven as its browser client does (socket.io 4 over WebSocket): `input` carries keystrokes, `resize` the
 * size, `data` the output, and every 256 KiB of output the client emits `commit` with that count, or the server
 * pauses the PTY above 2 MiB uncommitted. As root WeTTY runs its command itself (no ssh login). Every socket gets
 * a shell of its own, so there is no session to share or come back to.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { freePort } from '../../../scripts/boot/index.mjs';
import type { PeerPackage } from '../peers/install.ts';
import { type ServerProcess, startServer } from '../proc/server-process.ts';
import { OutputLog } from '../term/output-log.ts';
import { SHELL_ARGV, setPrompt } from '../term/shell.ts';
import { shellEnv, TERM_SIZE } from './bare-pty.ts';
import type { Shell, System, Viewer } from './system.ts';

export const WETTY: PeerPackage = {
  name: 'wetty-3.2.0',
  dependencies: { wetty: '3.2.0' },
  entry: 'node_modules/wetty/build/main.js',
};

/** The client's own constant (wetty's client `ackBytes`). */
const COMMIT_BYTES = 256 * 1024;

/** The part of socket.io-client's Socket the bench uses. */
interface IoSocket {
  on(event: string, listener: (...args: never[]) => void): IoSocket;
  once(event: string, listener: (...args: never[]) => void): IoSocket;
  emit(event: string, ...args: unknown[]): IoSocket;
  disconnect(): IoSocket;
}
type Io = (url: string, options: { path: string; transports: string[]; forceNew: boolean }) => IoSocket;

class WettyViewer implements Viewer {
  readonly log = new OutputLog();
  #uncommitted = 0;

  constructor(private readonly socket: IoSocket) {
    socket.on('data', (data: string) => {
      this.log.push(data);
      this.#uncommitted += data.length;
      if (this.#uncommitted >= COMMIT_BYTES) {
        this.#uncommitted -= COMMIT_BYTES;
        socket.emit('commit', COMMIT_BYTES);
      }
    });
    socket.on('disconnect', () => this.log.fail(new Error('WeTTY socket disconnected')));
  }

  send(text: string): void {
    this.socket.emit('input', text);
  }

  async close(): Promise<void> {
    this.socket.disconnect();
  }
}

export function wetty(installDir: string, workdir: string): System {
  const io = createRequire(join(installDir, WETTY.entry))('socket.io-client').io as Io;
  let server: ServerProcess | undefined;
  let origin = '';
  const connect = (): Promise<WettyViewer> =>
    new Promise((resolve, reject) => {
      const socket = io(origin, { path: '/socket.io', transports: ['websocket'], forceNew: true });
      const viewer = new WettyViewer(socket);
      socket.once('connect_error', (error: Error) => reject(error));
      // `login` comes once the PTY is spawned; the client then sends its size.
      socket.once('login', () => {
        socket.emit('resize', TERM_SIZE);
        resolve(viewer);
      });
    });
  return {
    id: 'wetty',
    label: 'WeTTY',
    version: `wetty@${WETTY.dependencies.wetty}`,
    lacks: {
      viewers: 'every WeTTY socket spawns its own shell: viewers cannot share a session',
      reconnect: 'closing the socket kills the shell: there is no session to come back to',
      files: 'WeTTY has no file upload or download',
    },
    start: async () => {
      if (process.getuid?.() !== 0)
        throw new Error('WeTTY runs the command itself only as root (else it logs in over ssh)');
      const port = await freePort();
      origin = `http://127.0.0.1:${port}`;
      const args = ['--host', '127.0.0.1', '--port', String(port), '--command', SHELL_ARGV.join(' ')];
      server = await startServer(process.execPath, [join(installDir, WETTY.entry), ...args], {
        cwd: workdir,
        env: shellEnv(workdir),
        readyUrl: `${origin}/`,
      });
    },
    openShell: async (): Promise<Shell> => {
      const typist = await connect();
      await setPrompt(typist);
      return { typist, close: () => typist.close() };
    },
    processes: () => (server ? { server: [server.pid] } : {}),
    stop: async () => {
      await server?.stop();
    },
  };
}
