import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers/auth.ts';
import { createVpsWithGateway } from '../helpers/fixtures.ts';
import { connectGateway } from '../helpers/gateway-socket.ts';
import { connectSubscriber, createSession } from './subscriber.ts';

/** workerd evicts an idle Durable Object after 10 s; its hibernatable sockets stay connected. */
const EVICTION_WAIT_MS = 12_000;

describe('GatewayHub eviction', () => {
  it('keeps routing after the hub was evicted from memory', { timeout: 30_000 }, async () => {
    const user = await signIn();
    const vps = await createVpsWithGateway(user.userId);
    const gateway = await connectGateway(vps.credential, vps.gatewayId);
    const session = await createSession(user.cookie, vps.vpsId);
    const a = await connectSubscriber(user.cookie, session.id);
    const b = await connectSubscriber(user.cookie, session.id);
    const stub = env.GATEWAY_HUB.get(env.GATEWAY_HUB.idFromName(vps.gatewayId));
    const before = await runInDurableObject(stub, (hub) => hub.instanceId);

    await new Promise((resolve) => setTimeout(resolve, EVICTION_WAIT_MS));

    const sent = gateway.output(session.number, new Uint8Array([1, 2, 3]));
    expect([...(await a.nextBinary())]).toEqual([...sent]);
    expect([...(await b.nextBinary())]).toEqual([...sent]);
    a.send(message('session.attach', { session_id: session.number, last_seq: 0 }));
    const attach = await gateway.inbox.nextMessage('session.attach');
    expect((await a.nextMessage('session.snapshot')).ref).toBe(attach.ref);
    await b.expectNothing((f) => f.kind === 'text' && f.msg.type === 'session.snapshot');
    expect(await runInDurableObject(stub, (hub) => hub.instanceId)).not.toBe(before);
  });
});
