/**
 * The hub forwards the frame it validated, re-serialised, never the subscriber's raw text: JSON that names a key
 * twice means one thing to a last-key parser (ours, which checked it) and another to a first-key parser (a gateway
 * written in another language), so only the parsed message may reach the gateway.
 */
import { message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { createVpsWithGateway } from '../helpers/fixtures.ts';
import { connectGateway } from '../helpers/gateway-socket.ts';
import { signedInUser } from '../helpers/web-session.ts';
import { connectSubscriber, createSession } from './subscriber.ts';

async function setup() {
  const user = await signedInUser();
  const vps = await createVpsWithGateway(user.userId);
  const gateway = await connectGateway(vps.credential, vps.gatewayId);
  const mine = await createSession(user.cookie, vps.vpsId, 'mine');
  const other = await createSession(user.cookie, vps.vpsId, 'other');
  return { user, gateway, mine, other };
}

describe('frames the hub relays to the gateway', () => {
  it('a frame naming session_id twice reaches the gateway with the one session_id the hub checked', async () => {
    const { user, gateway, mine, other } = await setup();
    const viewer = await connectSubscriber(user.cookie, mine.id);
    const raw = `{"type":"session.input","schema_version":"1","session_id":${other.number},"session_id":${mine.number},"data":"ls\\r"}`;
    viewer.send(raw);
    const frame = await gateway.inbox.next((f) => f.kind === 'text' && f.msg.type === 'session.input');
    if (frame.kind !== 'text') throw new Error('expected text');
    expect(frame.raw).toBe(JSON.stringify(message('session.input', { session_id: mine.number, data: 'ls\r' })));
    expect(frame.raw).not.toContain(`"session_id":${other.number}`);
  });

  it('a resize likewise', async () => {
    const { user, gateway, mine, other } = await setup();
    const viewer = await connectSubscriber(user.cookie, mine.id);
    viewer.send(
      `{"type":"session.resize","schema_version":"1","session_id":${other.number},"cols":80,"rows":24,"session_id":${mine.number}}`,
    );
    const resize = await gateway.inbox.next((f) => f.kind === 'text' && f.msg.type === 'session.resize');
    expect(resize.kind === 'text' && resize.raw).toBe(
      JSON.stringify({ type: 'session.resize', schema_version: '1', session_id: mine.number, cols: 80, rows: 24 }),
    );
  });
});
