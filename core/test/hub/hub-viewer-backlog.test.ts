import { decodeFrame, FRAME_HEADER_BYTES, message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { VIEWER_BACKLOG_MAX_BYTES } from '../../src/hub/limits.ts';
import { signIn } from '../helpers/auth.ts';
import { createVpsWithGateway } from '../helpers/fixtures.ts';
import { connectGateway } from '../helpers/gateway-socket.ts';
import { connectSubscriber, createSession } from './subscriber.ts';

const PAYLOAD_BYTES = 256 * 1024;
/** 10 MiB: past the bound. */
const FRAMES = 40;

describe('GatewayHub viewer backlog', () => {
  it('closes a viewer that leaves more than the bound unacked (4004) and keeps serving one that acks', async () => {
    const user = await signIn();
    const vps = await createVpsWithGateway(user.userId);
    const gateway = await connectGateway(vps.credential, vps.gatewayId);
    const session = await createSession(user.cookie, vps.vpsId);
    const acking = await connectSubscriber(user.cookie, session.id);
    const silent = await connectSubscriber(user.cookie, session.id);

    const payload = new Uint8Array(PAYLOAD_BYTES);
    for (let i = 0; i < FRAMES; i++) {
      gateway.output(session.number, payload);
      const frame = decodeFrame(await acking.nextBinary());
      if (!frame.ok) throw new Error('the hub relayed a bad frame');
      acking.send(message('session.ack', { session_id: session.number, seq: frame.value.seq }));
    }

    expect((await silent.closed).code).toBe(4004);
    // It got output up to the bound and nothing after: the frame that would have passed it closed it instead.
    const silentFrames = silent.frames.filter((f) => f.kind === 'binary').length;
    expect(silentFrames).toBe(Math.floor(VIEWER_BACKLOG_MAX_BYTES / (PAYLOAD_BYTES + FRAME_HEADER_BYTES)));
    expect(acking.frames.filter((f) => f.kind === 'binary')).toHaveLength(FRAMES);
    await acking.expectNothing((f) => f.kind === 'text' && f.msg.type === 'error');
    expect(acking.ws.readyState).toBe(WebSocket.OPEN);
  });
});
