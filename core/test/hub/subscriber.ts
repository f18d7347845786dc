/** Test helpers for the browser side: a session created through the real API and a subscriber socket on it. */
import { exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { ORIGIN } from '../helpers/auth.ts';
import { type BrowserInit, browserRequest } from '../helpers/browser-request.ts';
import { openSocket, SocketInbox } from '../helpers/gateway-socket.ts';

export type SessionJson = { id: string; number: number; status: string; workdir: string; tmux_name: string };

export function api(path: string, cookie: string, init: BrowserInit = {}): Promise<Response> {
  return exports.default.fetch(browserRequest(path, cookie, init));
}

export async function createSession(cookie: string, vpsId: string, title = 'My project'): Promise<SessionJson> {
  const res = await api(`/api/vps/${vpsId}/sessions`, cookie, {
    method: 'POST',
    json: { title, agent_type: 'shell' },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { session: SessionJson }).session;
}

export async function connectSubscriber(cookie: string, sessionId: string): Promise<SocketInbox> {
  const ws = await openSocket(`${ORIGIN}/ws/sessions/${sessionId}`, { cookie, origin: ORIGIN });
  if (ws instanceof Response) throw new Error(`subscriber upgrade refused: ${ws.status} ${await ws.text()}`);
  return new SocketInbox(ws);
}

export async function errorOf(res: Response): Promise<{ status: number; code: string }> {
  const body = (await res.json()) as { error?: { code?: string } };
  return { status: res.status, code: body.error?.code ?? '(none)' };
}
