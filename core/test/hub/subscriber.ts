/** Test helpers for the browser side: a session created through the real API and a subscriber socket on it. */
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { ORIGIN, signIn } from '../helpers/auth.ts';
import { type BrowserInit, browserRequest } from '../helpers/browser-request.ts';
import { createVpsWithGateway } from '../helpers/fixtures.ts';
import { connectGateway, openSocket, SocketInbox } from '../helpers/gateway-socket.ts';

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

/**
 * The scene most hub tests start from: a signed-in user whose VPS has its gateway connected, one session on it made
 * through the API (titled `title`), and the stub of that gateway's hub.
 */
export async function sessionOnGateway(title?: string) {
  const user = await signIn();
  const vps = await createVpsWithGateway(user.userId);
  const gateway = await connectGateway(vps.credential, vps.gatewayId);
  const session = await createSession(user.cookie, vps.vpsId, title);
  const stub = env.GATEWAY_HUB.get(env.GATEWAY_HUB.idFromName(vps.gatewayId));
  return { user, vps, gateway, session, stub };
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
