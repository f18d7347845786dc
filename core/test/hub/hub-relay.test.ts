import { env } from 'cloudflare:workers';
import { message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { eventually } from '../helpers/gateway-socket.ts';
import { connectSubscriber, sessionOnGateway } from './subscriber.ts';

const setup = () => sessionOnGateway();

describe('GatewayHub relay', () => {
  it('fans one binary frame out to two subscribers byte for byte', async () => {
    const { user, gateway, session } = await setup();
    const a = await connectSubscriber(user.cookie, session.id);
    const b = await connectSubscriber(user.cookie, session.id);
    const payload = new Uint8Array([0x1b, 0x5b, 0x33, 0x31, 0x6d, 0xff, 0x00, 0xfe]);
    const sent = gateway.output(session.number, payload);
    expect([...(await a.nextBinary())]).toEqual([...sent]);
    expect([...(await b.nextBinary())]).toEqual([...sent]);
  });

  it('sends the snapshot for an attach only to the subscriber that attached', async () => {
    const { user, gateway, session } = await setup();
    const a = await connectSubscriber(user.cookie, session.id);
    const b = await connectSubscriber(user.cookie, session.id);
    a.send(message('session.attach', { session_id: session.number, last_seq: 0, ref: 'spoofed' }));
    const attach = await gateway.inbox.nextMessage('session.attach');
    expect(attach.ref).toMatch(/^sub-/);
    const snapshot = await a.nextMessage('session.snapshot');
    expect(snapshot.ref).toBe(attach.ref);
    await b.expectNothing((f) => f.kind === 'text' && f.msg.type === 'session.snapshot');
  });

  it('records gateway state and session lifecycle in D1', async () => {
    const { vps, session } = await setup();
    const row = await env.DB.prepare('SELECT connected, version, last_seen_at FROM gateways WHERE id = ?')
      .bind(vps.gatewayId)
      .first<{ connected: number; version: string; last_seen_at: number }>();
    expect(row).toMatchObject({ connected: 1, version: '0.1.0-test' });
    const status = await env.DB.prepare('SELECT status FROM vps WHERE id = ?')
      .bind(vps.vpsId)
      .first<{ status: string }>();
    expect(status?.status).toBe('ready');
    expect(session.status).toBe('running');
    await eventually(async () => {
      const s = await env.DB.prepare('SELECT status FROM sessions WHERE id = ?')
        .bind(session.id)
        .first<{ status: string }>();
      expect(s?.status).toBe('running');
    });
  });
});
