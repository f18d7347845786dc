/**
 * The upgrade request the Worker sends to a hub. It is built from scratch (never a copy of the client's
 * request), so the identity headers below can only come from the Worker, which derived them from a verified
 * credential or an owned session. The hub trusts nothing else about who is connecting.
 */
export const HubHeader = {
  gatewayId: 'x-vibe-gateway-id',
  vpsId: 'x-vibe-vps-id',
  userId: 'x-vibe-user-id',
  sessionId: 'x-vibe-session-id',
  sessionNumber: 'x-vibe-session-number',
  webSession: 'x-vibe-web-session',
} as const;

export type HubConnect =
  | { role: 'gateway'; gatewayId: string; vpsId: string }
  | {
      role: 'subscriber';
      gatewayId: string;
      vpsId: string;
      userId: string;
      sessionId: string;
      sessionNumber: number;
      /** The viewer's web session id (`web_sessions.id_hash`), so signing it out can close the socket. */
      webSession: string;
    };

const HUB_ORIGIN = 'https://hub.internal';

export function buildHubUpgrade(connect: HubConnect): Request {
  const headers = new Headers({
    Upgrade: 'websocket',
    [HubHeader.gatewayId]: connect.gatewayId,
    [HubHeader.vpsId]: connect.vpsId,
  });
  if (connect.role === 'subscriber') {
    headers.set(HubHeader.userId, connect.userId);
    headers.set(HubHeader.sessionId, connect.sessionId);
    headers.set(HubHeader.sessionNumber, String(connect.sessionNumber));
    headers.set(HubHeader.webSession, connect.webSession);
  }
  return new Request(`${HUB_ORIGIN}/${connect.role}`, { headers });
}

/** Reads what the Worker put in; null for anything malformed (the hub then refuses the upgrade). */
export function parseHubUpgrade(request: Request): HubConnect | null {
  const url = new URL(request.url);
  const h = request.headers;
  const gatewayId = h.get(HubHeader.gatewayId);
  const vpsId = h.get(HubHeader.vpsId);
  if (!gatewayId || !vpsId) return null;
  if (url.pathname === '/gateway') return { role: 'gateway', gatewayId, vpsId };
  if (url.pathname !== '/subscriber') return null;
  const userId = h.get(HubHeader.userId);
  const sessionId = h.get(HubHeader.sessionId);
  const sessionNumber = Number(h.get(HubHeader.sessionNumber));
  const webSession = h.get(HubHeader.webSession);
  if (!userId || !sessionId || !webSession || !Number.isInteger(sessionNumber) || sessionNumber < 1) return null;
  return { role: 'subscriber', gatewayId, vpsId, userId, sessionId, sessionNumber, webSession };
}
