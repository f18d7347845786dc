/**
 * A gateway that is nothing but a fast output source, for loading the hub: it registers with a bootstrap token and
 * speaks the gateway protocol (hello; `session.started` for a create; an empty `session.snapshot` for an attach),
 * then streams output frames as fast as the viewers' acks let it — the real gateway's 1 MiB unacked window — so
 * the hub, not tmux or a shell, sets the pace. Test-only code.
 */
import { once } from 'node:events';
import {
  encodeOutputFrame,
  type GatewayEvent,
  type MessageByType,
  type MessageType,
  message,
  parseTextFrame,
} from '@vibecode/schemas';
import WebSocket from 'ws';

/** The real gateway's unacked window (gateway/README.md "Flow control"). */
const UNACKED_WINDOW_BYTES = 1024 * 1024;

export interface FirehoseGateway {
  /** Sends `frames` frames of `frameBytes` bytes each to `sessionNumber`, paced by acks; resolves when all are sent. */
  stream(sessionNumber: number, frames: number, frameBytes: number): Promise<void>;
  close(): void;
}

type Sendable = Extract<MessageType, GatewayEvent['type']>;

/** Trades the bootstrap token for a credential, retrying network failures a few times as the real gateway does. */
async function register(origin: string, bootstrapToken: string): Promise<{ gateway_id: string; credential: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(new URL('/api/gateways/register', origin), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ bootstrap_token: bootstrapToken }),
      });
      if (!res.ok) throw new Error(`gateway registration answered ${res.status}`);
      return (await res.json()) as { gateway_id: string; credential: string };
    } catch (error) {
      // A kept-alive connection the Worker closed while this process was blocked (seeding D1 runs synchronously)
      // fails once; an HTTP refusal does not get better by asking again.
      if (!(error instanceof TypeError) || attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export async function startFirehoseGateway(origin: string, bootstrapToken: string): Promise<FirehoseGateway> {
  const { gateway_id: gatewayId, credential } = await register(origin, bootstrapToken);
  const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws/gateway`, {
    headers: { authorization: `Bearer ${credential}` },
    perMessageDeflate: false,
  });
  await once(ws, 'open');
  const send = <T extends Sendable>(type: T, fields: Omit<MessageByType[T], 'type' | 'schema_version'>) =>
    ws.send(JSON.stringify(message(type, fields)));

  let sentSeq = 0;
  let ackedSeq = 0;
  let wake: (() => void) | undefined;
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const parsed = parseTextFrame(String(data));
    if (!parsed.ok) return;
    const msg = parsed.value;
    if (msg.type === 'session.create') send('session.started', { session_id: msg.session_id, ref: msg.ref });
    // A viewer holding nothing asks for the screen; one holding output just gets what follows.
    if (msg.type === 'session.attach' && msg.last_seq === undefined) {
      const screen = { cols: 80, rows: 24, text: '', cursor: { x: 0, y: 0 }, seq: sentSeq };
      send('session.snapshot', { session_id: msg.session_id, ...screen, reason: 'fresh', ref: msg.ref });
    }
    if (msg.type === 'session.ack') {
      ackedSeq = Math.max(ackedSeq, Math.min(msg.seq, sentSeq));
      wake?.();
    }
  });
  send('gateway.hello', { gateway_id: gatewayId, version: '0.1.0', sessions: [] });

  return {
    stream: async (sessionNumber, frames, frameBytes) => {
      const payload = new Uint8Array(frameBytes).fill(0x2e);
      const windowFrames = Math.max(1, Math.floor(UNACKED_WINDOW_BYTES / frameBytes));
      for (let i = 0; i < frames; i++) {
        while (sentSeq - ackedSeq >= windowFrames) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
        sentSeq += 1;
        ws.send(encodeOutputFrame(sessionNumber, sentSeq, payload));
      }
    },
    close: () => ws.close(),
  };
}
