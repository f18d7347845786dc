/**
 * Web Push from the hub (issue 17 item 2): a state that wants its person reaches each of the owner's subscribed
 * browsers as one push, encrypted for it and signed with VAPID, decrypted by the push-service stand-in
 * (fakes/webpush); states that come together coalesce into one; a seen item is never pushed; a browser its push
 * service calls gone is forgotten; nobody else's browser hears of it.
 */
import { message, type PushMessage } from '@vibecode/schemas';
import { describe, expect, inject, it } from 'vitest';
import { signIn } from '../helpers/auth.ts';
import { eventually, type FakeGateway } from '../helpers/gateway-socket.ts';
import {
  type BrowserSubscription,
  browserSubscription,
  expireSubscription,
  pushesTo,
  storedSubscriptions,
} from '../helpers/push-service.ts';
import { api, connectSubscriber, createSession, sessionOnGateway } from './subscriber.ts';

async function subscribed(cookie: string): Promise<BrowserSubscription> {
  const subscription = await browserSubscription(cookie);
  const { endpoint, keys } = subscription;
  const res = await api('/api/push/subscriptions', cookie, { method: 'POST', json: { endpoint, keys } });
  expect(res.status).toBe(201);
  return subscription;
}

function asks(gateway: FakeGateway, number: number, detail = 'Do you want to proceed?'): void {
  gateway.send(message('session.state', { session_id: number, state: 'needs_input', detail }));
}

async function onePushTo(endpoint: string): Promise<PushMessage> {
  let payload: PushMessage | null = null;
  await eventually(async () => {
    const pushes = await pushesTo(endpoint);
    expect(pushes).toHaveLength(1);
    payload = JSON.parse(pushes[0]?.payload ?? 'null') as PushMessage;
  });
  if (payload === null) throw new Error('no payload');
  return payload;
}

describe("pushing attention to the owner's browsers", () => {
  it('pushes a question once, as the web would show it, with the delivery headers and VAPID claims', async () => {
    const { user, vps, gateway, session } = await sessionOnGateway('fix the tests');
    const browser = await subscribed(user.cookie);
    const stranger = await subscribed((await signIn()).cookie);
    asks(gateway, session.number, 'Bash command\nrm -rf build\nDo you want to proceed?');
    expect(await onePushTo(browser.endpoint)).toEqual({
      title: 'fix the tests needs you',
      body: 'Bash command\nrm -rf build\nDo you want to proceed?',
      path: `/vps/${vps.vpsId}/sessions/${session.id}`,
    });
    const [push] = await pushesTo(browser.endpoint);
    expect(push).toMatchObject({
      ttl: 3600,
      urgency: 'high',
      topic: 'attention',
      vapid: { aud: new URL(inject('pushServiceUrl')).origin, sub: 'mailto:tests@vibecode.invalid' },
    });
    expect(await pushesTo(stranger.endpoint)).toEqual([]);
  });

  it('makes one push of sessions that want their person together, and none of one already seen', async () => {
    const { user, vps, gateway, session } = await sessionOnGateway('api');
    const second = await createSession(user.cookie, vps.vpsId, 'web');
    const third = await createSession(user.cookie, vps.vpsId, 'docs');
    const browser = await subscribed(user.cookie);
    // Someone has the third one open: its question is seen as it comes, and pushed to nobody.
    const viewer = await connectSubscriber(user.cookie, third.id);
    asks(gateway, third.number);
    expect(await viewer.nextMessage('session.state')).toMatchObject({ state: 'needs_input' });
    asks(gateway, session.number);
    gateway.send(message('session.state', { session_id: second.number, state: 'limited', detail: 'Usage limit' }));
    const push = await onePushTo(browser.endpoint);
    expect(push).toMatchObject({ title: '2 sessions need you', path: '/dashboard' });
    // Oldest first, but two messages sent back to back on one socket reach the hub in either order now and then.
    expect(push.body.split(', ').sort()).toEqual(['api', 'web']);
  });

  it('forgets a browser whose push service says it is gone', async () => {
    const { user, gateway, session } = await sessionOnGateway();
    const gone = await subscribed(user.cookie);
    const kept = await subscribed(user.cookie);
    await expireSubscription(gone.endpoint);
    asks(gateway, session.number);
    await onePushTo(kept.endpoint);
    await eventually(async () => expect(await storedSubscriptions(user.userId)).toEqual([kept.endpoint]));
  });
});
