/** The hub's log lines carry the correlation ids: gateway_id and vps_id always, session_id and user_id for viewers. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signIn } from '../helpers/auth.ts';
import { createVpsWithGateway } from '../helpers/fixtures.ts';
import { connectGateway, eventually } from '../helpers/gateway-socket.ts';
import { captureLogs } from '../helpers/logs.ts';
import { connectSubscriber, createSession } from './subscriber.ts';

afterEach(() => vi.restoreAllMocks());

describe('hub logs', () => {
  it("name the viewer's session and user when it joins and leaves, beside the gateway and VPS", async () => {
    const user = await signIn();
    const vps = await createVpsWithGateway(user.userId);
    await connectGateway(vps.credential, vps.gatewayId);
    const session = await createSession(user.cookie, vps.vpsId);
    const entries = captureLogs();
    const viewer = await connectSubscriber(user.cookie, session.id);
    const ids = {
      component: 'hub',
      gateway_id: vps.gatewayId,
      vps_id: vps.vpsId,
      session_id: session.id,
      user_id: user.userId,
      sub_id: expect.stringMatching(/^sub-/),
    };
    await eventually(() => expect(entries.find((e) => e.msg === 'subscriber joined')).toMatchObject(ids));
    viewer.ws.close(1000, 'done');
    await eventually(() => expect(entries.find((e) => e.msg === 'subscriber left')).toMatchObject(ids));
  });
});
