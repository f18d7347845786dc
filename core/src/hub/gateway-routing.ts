/**
 * Where a validated gateway text frame goes. The DO applies the route: D1 records, waiting RPC calls, and
 * subscribers. Replies that carry a subscriber's ref (its attach's snapshot, errors about its commands) go to
 * that subscriber only; session events go to that session's subscribers; health and hello to everyone; update
 * statuses (and errors about the hub's `gateway.update`) to the hub's own update record.
 */
import { type ProtocolMessage, senderOf } from '@vibecode/schemas';
import { isRpcRef, isSubscriberRef, isUpdateRef } from './attachment.ts';

export type GatewayRoute =
  /** Not a gateway message: answered with a typed error to the gateway. */
  | { kind: 'reject'; code: string; message: string }
  | { kind: 'hello' }
  | { kind: 'health' }
  /** The hub's update record: a `gateway.update.status`, or an error about the hub's `gateway.update`. */
  | { kind: 'update' }
  /** Only the subscriber whose ref it carries. */
  | { kind: 'subscriber'; subId: string }
  /** Waiting RPC calls and every subscriber of the session; `state` is its agent's (session.state). */
  | { kind: 'session'; number: number; lifecycle: 'started' | 'exited' | 'ended' | 'state' | null }
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
    case 'gateway.update.status':
      return { kind: 'update' };
    case 'session.started':
      return { kind: 'session', number: msg.session_id, lifecycle: 'started' };
    case 'session.ended':
      return { kind: 'session', number: msg.session_id, lifecycle: 'ended' };
    case 'session.exited':
      return { kind: 'session', number: msg.session_id, lifecycle: 'exited' };
    case 'session.state':
      return { kind: 'session', number: msg.session_id, lifecycle: 'state' };
    case 'session.snapshot':
    case 'session.error':
      // An error answering one of the hub's own commands is that command's, not the viewers'.
      if (isRpcRef(msg.ref)) return { kind: 'reply' };
      if (isSubscriberRef(msg.ref)) return { kind: 'subscriber', subId: msg.ref };
      return { kind: 'session', number: msg.session_id, lifecycle: null };
    case 'error':
      if (isUpdateRef(msg.ref)) return { kind: 'update' };
      if (isSubscriberRef(msg.ref)) return { kind: 'subscriber', subId: msg.ref };
      return { kind: 'reply' };
    case 'file.error':
      if (isSubscriberRef(msg.ref)) return { kind: 'subscriber', subId: msg.ref };
      return { kind: 'reply' };
    default:
      return { kind: 'reply' };
  }
}
