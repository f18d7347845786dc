/**
 * Where a validated gateway text frame goes. The DO applies the route: D1 records, waiting RPC calls, and
 * subscribers. Replies that carry a subscriber's ref (its attach's snapshot, errors about its commands) go to
 * that subscriber only; session events go to that session's subscribers; health and hello to everyone.
 */
import { type ProtocolMessage, senderOf } from '@vibecode/schemas';
import { isSubscriberRef } from './attachment.ts';

export type GatewayRoute =
  /** Not a gateway message: answered with a typed error to the gateway. */
  | { kind: 'reject'; code: string; message: string }
  | { kind: 'hello' }
  | { kind: 'health' }
  /** Only the subscriber whose ref it carries. */
  | { kind: 'subscriber'; subId: string }
  /** Waiting RPC calls and every subscriber of the session. */
  | { kind: 'session'; number: number; lifecycle: 'started' | 'ended' | null }
  /** Waiting RPC calls only (ssh.keys, file transfer replies, errors about hub commands). */
  | { kind: 'reply' };

export function routeGatewayMessage(msg: ProtocolMessage): GatewayRoute {
  const sender = senderOf(msg.type);
  if (sender !== 'gateway' && sender !== 'any') {
    return { kind: 'reject', code: 'protocol.not_allowed', message: `the gateway may not send ${msg.type}` };
  }
  switch (msg.type) {
    case 'gateway.hello':
      return { kind: 'hello' };
    case 'gateway.health':
      return { kind: 'health' };
    case 'session.started':
      return { kind: 'session', number: msg.session_id, lifecycle: 'started' };
    case 'session.ended':
      return { kind: 'session', number: msg.session_id, lifecycle: 'ended' };
    case 'session.snapshot':
    case 'session.error':
      if (isSubscriberRef(msg.ref)) return { kind: 'subscriber', subId: msg.ref };
      return { kind: 'session', number: msg.session_id, lifecycle: null };
    case 'error':
    case 'file.error':
      if (isSubscriberRef(msg.ref)) return { kind: 'subscriber', subId: msg.ref };
      return { kind: 'reply' };
    default:
      return { kind: 'reply' };
  }
}
