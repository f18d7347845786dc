/**
 * A terminal socket lives no longer than the web session that opened it: signing out (here or everywhere) closes it
 * at once with 4005 `signed out`, and only the sockets of the sessions that ended.
 */
import { exports } from 'cloudflare:workers';
import { CloseCode, message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { ORIGIN } from '../helpers/auth.ts';
import { createVpsWithGateway } from '../helpers/fixtures.ts';
import { connectGateway } from '../helpers/gateway-socket.ts';
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
