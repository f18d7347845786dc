/**
 * VibeTunnel, driven as its web UI does: `POST /api/sessions` starts a session, the output comes as Server-Sent
 * Events on `/api/sessions/:id/stream` (asciinema v2 lines; only `o` events are output), keystrokes go as text
 * on the WebSocket `/ws/input?sessionId=`. Started the way its package can run here (FIELD-NOTES): the CLI bundle
 * with VIBETUNNEL_BUNDLED, loopback, no auth, no mDNS, its HOME and control dir in a temp folder of its own.
 *
 * That folder is on tmpfs (/dev/shm) where there is one: VibeTunnel appends every output event to a recording and
 * fsyncs it, so on a disk shared with other work its throughput measures the disk's other load (0.7 MiB/s for
 * `cat` here against 2.4 on tmpfs). The bench gives the peer the faster of the two.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../../scripts/boot/index.mjs';
import type { PeerPackage } from '../peers/install.ts';
import { type ServerProcess, startServer } from '../proc/server-process.ts';
import { SHELL_ARGV, setPrompt } from '../term/shell.ts';
import { shellEnv, TERM_SIZE } from './bare-pty.ts';
import type { FileTransfer, Shell, System } from './system.ts';
import { VibeTunnelViewer } from './vibetunnel-viewer.ts';

export const VIBETUNNEL: PeerPackage = {
  name: 'vibetunnel-1.0.0-beta.15.1',
  // Its install builds a PAM addon that needs node-addon-api beside it (vibetunnel#628) and libpam0g-dev.
  dependencies: { vibetunnel: '1.0.0-beta.15.1', 'node-addon-api': '8.9.2' },
  entry: 'node_modules/vibetunnel/dist/vibetunnel-cli',
};

function fileTransfer(origin: string): FileTransfer {
  const stored = new Map<string, string>();
  return {
    // The web UI's upload: multipart/form-data with the file as `file`; the answer names the stored file.
    upload: async (bytes, name) => {
      const form = new FormData();
      form.set('file', new Blob([bytes]), name);
      const res = await fetch(`${origin}/api/files/upload`, { method: 'POST', body: form });
      if (!res.ok) throw new Error(`VibeTunnel upload answered ${res.status}: ${await res.text()}`);
      const { filename } = (await res.json()) as { filename: string };
      stored.set(name, filename);
    },
    download: async (name) => {
      const res = await fetch(`${origin}/api/files/${stored.get(name) ?? name}`);
      if (!res.ok || !res.body) throw new Error(`VibeTunnel download answered ${res.status}`);
      let bytes = 0;
      for await (const chunk of res.body) bytes += (chunk as Uint8Array).byteLength;
      return bytes;
    },
  };
}

export function vibetunnel(installDir: string, workdir: string): System {
  let server: ServerProcess | undefined;
  let origin = '';
  let home = '';
  return {
    id: 'vibetunnel',
    label: 'VibeTunnel',
    version: `vibetunnel@${VIBETUNNEL.dependencies.vibetunnel}`,
    lacks: {},
    start: async () => {
      // A new one each start: a restarted VibeTunnel finds none of its earlier sessions or recordings.
      home = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : workdir, 'vibecode-bench-vibetunnel-'));
      const port = await freePort();
      origin = `http://127.0.0.1:${port}`;
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--no-auth', '--no-mdns'];
      server = await startServer(process.execPath, [join(installDir, VIBETUNNEL.entry), ...args], {
        cwd: workdir,
        env: { ...shellEnv(home), VIBETUNNEL_BUNDLED: 'true', VIBETUNNEL_CONTROL_DIR: join(home, 'control') },
        readyUrl: `${origin}/api/sessions`,
      });
    },
    openShell: async (): Promise<Shell> => {
      const res = await fetch(`${origin}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ command: SHELL_ARGV, workingDir: workdir, spawn_terminal: false, ...TERM_SIZE }),
      });
      if (!res.ok) throw new Error(`VibeTunnel POST /api/sessions answered ${res.status}: ${await res.text()}`);
      const { sessionId } = (await res.json()) as { sessionId: string };
      const viewers: VibeTunnelViewer[] = [];
      const join = async () => {
        const viewer = new VibeTunnelViewer(origin, sessionId);
        viewers.push(viewer);
        await viewer.connected();
        return viewer;
      };
      const typist = await join();
      await setPrompt(typist);
      return {
        typist,
        join,
        joinResumable: join,
        files: fileTransfer(origin),
        close: async () => {
          await Promise.all(viewers.map((v) => v.close()));
          await fetch(`${origin}/api/sessions/${sessionId}`, { method: 'DELETE' });
        },
      };
    },
    processes: () => (server ? { server: [server.pid] } : {}),
    stop: async () => {
      await server?.stop();
      if (home) rmSync(home, { recursive: true, force: true });
    },
  };
}
