/**
 * A terminal socket lives no longer than the web session that opened it: signing out (here or everywhere) closes it
 * at once with 4005 `signed out`, and only the sockets of the sessions that ended. The upgrade route takes a cookie
 * it resolved moments ago as it was (`recent-web-sessions.ts`): a sign-out handled by another isolate, which this
 * one's cache does not hear of, is enforced by the hub, which refuses the signed-out session's new viewers.
 */
import { env, exports } from 'cloudflare:workers';
import { CloseCode, message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { webSessionId } from '../../src/auth/web-session.ts';
import { hubStub } from '../../src/hub/hub-client.ts';
import { ORIGIN } from '../helpers/auth.ts';
import { createVpsWithGateway } from '../helpers/fixtures.ts';
import { connectGateway, openSocket } from '../helpers/gateway-socket.ts';
import { anotherSession, signedInUser } from '../helpers/web-session.ts';
import { connectSubscriber, createSession } from './subscriber.ts';

async function setup() {
  const user = await signedInUser();
  const vps = await createVpsWithGateway(user.userId);
  const gateway = await connectGateway(vps.credential, vps.gatewayId);
  const session = await createSession(user.cookie, vps.vpsId);
  return { user, vps, gateway, session };
}

const post = (path: string, cookie: string) =>
  exports.default.fetch(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json', cookie },
    body: '{}',
  });

const signedOut = { code: CloseCode.SignedOut, reason: 'signed out' };

const upgradeStatus = async (cookie: string, sessionId: string) => {
  const ws = await openSocket(`${ORIGIN}/ws/sessions/${sessionId}`, { cookie, origin: ORIGIN });
  if (ws instanceof Response) return ws.status;
  ws.close();
  return 101;
};

/** Another isolate's sign-out: the row is deleted and the hubs are told; this isolate's cookie cache hears nothing. */
async function signedOutElsewhere(cookie: string, gatewayId: string | null): Promise<void> {
  const id = await webSessionId(cookie.replace(/^vibe_session=/, ''));
  await env.DB.prepare('DELETE FROM web_sessions WHERE id_hash = ?').bind(id).run();
  if (gatewayId !== null) await hubStub(env, gatewayId).closeWebSessions([id]);
}

describe('viewer sockets of a signed-out web session', () => {
  it('sign out everywhere closes every viewer of every session of the user, on every VPS', async () => {
    const { user, session } = await setup();
    const other = await createVpsWithGateway(user.userId);
    await connectGateway(other.credential, other.gatewayId);
    const otherSession = await createSession(user.cookie, other.vpsId);
    const laptop = await anotherSession(user.userId);
    const viewers = [
      await connectSubscriber(user.cookie, session.id),
      await connectSubscriber(laptop, session.id),
      await connectSubscriber(laptop, otherSession.id),
    ];
    expect((await post('/api/auth/logout-everywhere', user.cookie)).status).toBe(200);
    for (const viewer of viewers) expect(await viewer.closed).toEqual(signedOut);
  });

  it("sign out closes only that session's viewers", async () => {
    const { user, session } = await setup();
    const laptop = await anotherSession(user.userId);
    const here = await connectSubscriber(user.cookie, session.id);
    const there = await connectSubscriber(laptop, session.id);
    expect((await post('/api/auth/logout', user.cookie)).status).toBe(200);
    expect(await here.closed).toEqual(signedOut);
    await there.expectNothing(() => true);
    there.send(message('ping', {}));
    await there.nextMessage('pong');
  });

  it('refuses new viewers of a session signed out in another isolate, though this one still caches its cookie', async () => {
    const { user, vps, session } = await setup();
    const open = await connectSubscriber(user.cookie, session.id);
    // Row gone, hub not told: this isolate's cache still takes the cookie (what the hub's refusal stands guard for).
    await signedOutElsewhere(user.cookie, null);
    expect(await upgradeStatus(user.cookie, session.id)).toBe(101);
    const other = await anotherSession(user.userId);
    expect(await upgradeStatus(other, session.id)).toBe(101);
    // The hub told, as every sign-out tells it: the viewers close and no new one opens, cached cookie or not.
    await signedOutElsewhere(user.cookie, vps.gatewayId);
    expect(await open.closed).toEqual(signedOut);
    expect(await upgradeStatus(user.cookie, session.id)).toBe(401);
    // Another session of the same user is not refused.
    expect(await upgradeStatus(other, session.id)).toBe(101);
  });

  it('refuses new viewers of a session signed out here at once', async () => {
    const { user, session } = await setup();
    await connectSubscriber(user.cookie, session.id);
    expect((await post('/api/auth/logout', user.cookie)).status).toBe(200);
    expect(await upgradeStatus(user.cookie, session.id)).toBe(401);
  });

  it("another user's viewers stay open", async () => {
    const mine = await setup();
    const theirs = await setup();
    const viewer = await connectSubscriber(theirs.user.cookie, theirs.session.id);
    const closing = await connectSubscriber(mine.user.cookie, mine.session.id);
    expect((await post('/api/auth/logout-everywhere', mine.user.cookie)).status).toBe(200);
    expect(await closing.closed).toEqual(signedOut);
    viewer.send(message('ping', {}));
    await viewer.nextMessage('pong');
  });
});
