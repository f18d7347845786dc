/**
 * VibeCode's full local stack as the system under test: client → Worker → GatewayHub Durable Object → the gateway
 * installed from the signed release in a localcloud droplet → tmux, with the Worker under `wrangler dev` or, in the
 * second column, in Miniflare without `wrangler dev`'s proxy (worker-without-proxy.ts). Shells are `shell` sessions
 * created through the API; viewers speak the browser's WebSocket protocol; files go through
 * `PUT`/`GET /api/sessions/:id/files` as the web UI sends them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiResponse } from '@vibecode/schemas';
import { listenerPid, listProcesses } from '../../proc/processes.ts';
import type { Roles } from '../../proc/rss.ts';
import type { SystemId } from '../../results.ts';
import { setPrompt } from '../../term/shell.ts';
import type { FileTransfer, Shell, System } from '../system.ts';
import { type SessionRef, VibeCodeViewer } from './session-viewer.ts';
import { type Stack, startStack, type WorkerMode } from './stack.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const versionOf = (path: string) => (JSON.parse(readFileSync(join(root, path), 'utf8')) as { version: string }).version;

function sessionFiles(stack: Stack, session: SessionRef): FileTransfer {
  const path = (name: string) => `/api/sessions/${session.id}/files?${new URLSearchParams({ path: name })}`;
  return {
    upload: async (bytes, name) => {
      const res = await stack.browser.request('PUT', path(name), undefined, {
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength) },
        body: bytes,
      });
      if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    },
    download: async (name) => {
      const res = await stack.browser.request('GET', path(name));
      if (!res.ok || !res.body) throw new Error(`download answered ${res.status}: ${await res.text()}`);
      let bytes = 0;
      for await (const chunk of res.body) bytes += (chunk as Uint8Array).byteLength;
      return bytes;
    },
  };
}

/**
 * The Worker's workerd processes: the one listening on the origin's port and its siblings — under `wrangler dev`
 * its proxy's and the user Worker's, without it the one Miniflare's.
 */
function workerdPids(origin: string): number[] {
  const entry = listenerPid(Number(new URL(origin).port));
  if (entry === null) return [];
  const all = listProcesses();
  const parent = all.find((p) => p.pid === entry)?.ppid;
  return all.filter((p) => p.comm === 'workerd' && (p.pid === entry || p.ppid === parent)).map((p) => p.pid);
}

const MODES: Record<WorkerMode, { id: SystemId; label: string; worker: string }> = {
  'wrangler-dev': { id: 'vibecode', label: 'VibeCode', worker: 'wrangler dev' },
  'no-dev-proxy': {
    id: 'vibecode-direct',
    label: 'VibeCode (workerd, no dev proxy)',
    worker: `deploy bundle in miniflare@${versionOf('node_modules/miniflare/package.json')}`,
  },
};

export function vibecode(workdir: string, mode: WorkerMode, say: (line: string) => void): System {
  const { id, label, worker } = MODES[mode];
  let stack: Stack | undefined;
  let starts = 0;
  let sessions = 0;
  const running = (): Stack => {
    if (!stack) throw new Error('VibeCode is not started');
    return stack;
  };
  return {
    id,
    label,
    version: `gateway@${versionOf('gateway/package.json')} (release bundle), wrangler@${versionOf('node_modules/wrangler/package.json')} (${worker})`,
    lacks: {},
    start: async () => {
      starts += 1;
      // A folder per start: a stack started again gets a new cloud, droplet and state, as a fresh install would.
      stack = await startStack(join(workdir, `${id}-${starts}`), mode, say);
    },
    openShell: async (): Promise<Shell> => {
      const s = running();
      await s.ready();
      sessions += 1;
      const { session } = await s.browser.json<ApiResponse<'POST /api/vps/:id/sessions'>>(
        'POST',
        `/api/vps/${s.vpsId}/sessions`,
        { title: `bench ${sessions}`, agent_type: 'shell' },
        201,
      );
      const viewers: VibeCodeViewer[] = [];
      const join = async () => {
        const viewer = new VibeCodeViewer(s.browser, session);
        viewers.push(viewer);
        await viewer.connect();
        return viewer;
      };
      const typist = await join();
      await setPrompt(typist);
      return {
        typist,
        join,
        joinResumable: join,
        files: sessionFiles(s, session),
        close: async () => {
          await Promise.all(viewers.map((v) => v.close()));
          await s.browser.request('DELETE', `/api/sessions/${session.id}`);
        },
      };
    },
    processes: (): Roles => {
      if (!stack) return {};
      const socket = stack.machine.tmuxSocket;
      return {
        server: [stack.machine.gatewayPid],
        workerd: workerdPids(stack.origin),
        tmux: listProcesses()
          .filter((p) => p.comm.startsWith('tmux') && p.argv.includes(socket))
          .map((p) => p.pid),
      };
    },
    stop: async () => {
      const stopping = stack;
      stack = undefined;
      await stopping?.stop();
    },
  };
}
