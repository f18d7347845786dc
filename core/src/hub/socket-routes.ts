/**
 * The two WebSocket routes. Both end at a GatewayHub with an upgrade request the Worker builds itself:
 * `/ws/gateway` after the bearer credential names the gateway, `/ws/sessions/:id` after the cookie, the
 * Origin and ownership of the session (one statement with the session's gateway). Viewers often open many at once,
 * so upgrades in flight together share the cookie's and the ownership's lookups (`in-flight.ts`), and a cookie this
 * isolate resolved moments ago is not looked up again (`viewer-cookies.ts`; the hub refuses a signed-out one).
 * Nothing the client sent besides the upgrade reaches the hub.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { sessionToken } from '../auth/require-user.ts';
import { resolveWebSession } from '../auth/web-session.ts';
import { openDb } from '../db/client.ts';
import { findGatewayByCredential } from '../gateways/credential.ts';
import { ApiError } from '../http/api-error.ts';
import { addLogFields } from '../http/log-fields.ts';
import { checkWebSocketOrigin } from '../http/same-origin.ts';
import { findOwnedSessionGateway, hubStub } from './hub-client.ts';
import { InFlight } from './in-flight.ts';
import { buildHubUpgrade } from './internal-request.ts';
import { recentViewerCookies } from './viewer-cookies.ts';

/** An exited session is viewable too: its dead pane keeps the screen and scrollback, read-only. */
const viewableStatuses = new Set(['starting', 'running', 'exited']);
/** Keyed by the cookie's token: its user, or null when it names no live session. */
const viewerCookies = new InFlight<Awaited<ReturnType<typeof resolveWebSession>>>();
/** Keyed by user and session id. */
const ownedSessions = new InFlight<Awaited<ReturnType<typeof findOwnedSessionGateway>>>();

function requireUpgrade(request: Request): void {
  if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
    throw new ApiError(426, 'http.upgrade_required', 'this route only accepts a WebSocket upgrade', {
      Upgrade: 'websocket',
    });
  }
}

function bearer(request: Request): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{1,256})$/.exec(request.headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}

export const socketRoutes = new Hono<AppEnv>()
  .get('/ws/gateway', async (c) => {
    const credential = bearer(c.req.raw);
    const gateway = credential === null ? null : await findGatewayByCredential(openDb(c.env.DB), credential);
    if (gateway === null) throw new ApiError(401, 'auth.invalid_credential', 'a valid gateway credential is required');
    addLogFields(c, { gateway_id: gateway.id, vps_id: gateway.vpsId });
    requireUpgrade(c.req.raw);
    return hubStub(c.env, gateway.id).fetch(
      buildHubUpgrade({ role: 'gateway', gatewayId: gateway.id, vpsId: gateway.vpsId }),
    );
  })
  .get('/ws/sessions/:id', async (c) => {
    // `requireUser`'s check, with the lookup shared. Its cookie renewal is moot here: a 101 cannot carry the cookie,
    // and the sliding expiry it would refresh is renewed by the next page load's request.
    const keepAlive = (lookup: Promise<unknown>) => c.executionCtx.waitUntil(lookup);
    const token = sessionToken(c);
    const now = Date.now();
    const recent = token ? recentViewerCookies.get(token, now) : undefined;
    const found =
      recent ??
      (token ? await viewerCookies.run(token, () => resolveWebSession(openDb(c.env.DB), token, now), keepAlive) : null);
    if (!token || !found) throw new ApiError(401, 'auth.required', 'sign in first');
    if (recent === undefined) recentViewerCookies.remember(token, found, now);
    const { user } = found;
    c.set('user', user);
    addLogFields(c, { user_id: user.id });
    checkWebSocketOrigin(c.req.raw);
    const sessionId = c.req.param('id');
    const { session, gatewayId } = await ownedSessions.run(
      `${user.id}/${sessionId}`,
      () => findOwnedSessionGateway(openDb(c.env.DB), user.id, sessionId),
      keepAlive,
    );
    addLogFields(c, { session_id: session.id, vps_id: session.vpsId });
    requireUpgrade(c.req.raw);
    if (session.status === 'stopped') {
      throw new ApiError(409, 'session.stopped', 'this session stopped with its server; restart it to use it again');
    }
    if (!viewableStatuses.has(session.status)) throw new ApiError(409, 'session.ended', 'this session has ended');
    // The same refusal as `gatewayForVps`: a VPS whose gateway never registered is as unreachable as an offline one.
    if (gatewayId === null) throw new ApiError(503, 'gateway.offline', 'this VPS has no gateway connected yet');
    addLogFields(c, { gateway_id: gatewayId });
    return hubStub(c.env, gatewayId).fetch(
      buildHubUpgrade({
        role: 'subscriber',
        gatewayId,
        vpsId: session.vpsId,
        userId: user.id,
        sessionId: session.id,
        sessionNumber: session.number,
        webSession: found.id,
      }),
    );
  });
