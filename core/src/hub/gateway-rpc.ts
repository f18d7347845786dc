/**
 * The hub's RPC to its gateway, as command work (session and SSH commands, file relays) sees it: send a frame to the
 * live gateway and read its replies. Errors the gateway sends about a command become HubErrors carrying the
 * gateway's own code.
 */
import type { ProtocolMessage } from '@vibecode/schemas';
import { HubError } from './hub-error.ts';
import type { Inbox, Match } from './reply-router.ts';

export interface GatewayRpc {
  /** Sends to the live gateway; throws HubError `gateway.offline` when there is none. */
  send(msg: ProtocolMessage): void;
  open(match: Match, capacity?: number): Inbox;
  newRef(): string;
}

/** Throws the gateway's error as a HubError when `msg` is one; returns it unchanged otherwise. */
export function throwIfGatewayError(msg: ProtocolMessage): ProtocolMessage {
  if (msg.type === 'error') throw new HubError(msg.code, msg.message);
  if (msg.type === 'session.error' || msg.type === 'file.error') throw new HubError(msg.error.code, msg.error.message);
  return msg;
}

function refOf(msg: ProtocolMessage): string | undefined {
  return 'ref' in msg ? msg.ref : undefined;
}

/** Sends a command carrying a fresh ref and waits for the first reply that echoes it. */
export async function request<T extends ProtocolMessage['type']>(
  gateway: GatewayRpc,
  build: (ref: string) => ProtocolMessage,
  replyType: T,
  timeoutMs: number,
): Promise<Extract<ProtocolMessage, { type: T }>> {
  const ref = gateway.newRef();
  const inbox = gateway.open((msg) => refOf(msg) === ref);
  try {
    gateway.send(build(ref));
    const reply = throwIfGatewayError(await inbox.next(timeoutMs));
    if (reply.type !== replyType) {
      throw new HubError('gateway.protocol', `expected ${replyType} for ref ${ref}, got ${reply.type}`);
    }
    return reply as Extract<ProtocolMessage, { type: T }>;
  } finally {
    inbox.close();
  }
}
