/**
 * Per-socket state kept in the hibernation attachment (structured clone, ≤ 16 KiB), so a woken hub knows
 * who each socket is without any field surviving. Tags mirror it for `getWebSockets(tag)` lookups. The hub reads
 * each attachment once and writes it only when a field changes (`hub-sockets.ts`), so nothing here may change on
 * every frame.
 */
import type { TerminalSize } from './viewer-sizes.ts';

export interface GatewayAttachment {
  role: 'gateway';
  /** Unique per accepted gateway socket; the hub's stored `current_conn` says which one is live. */
  connId: string;
  /** Set once the socket's first text frame was a valid `gateway.hello`. */
  hello: boolean;
}

export interface SubscriberAttachment {
  role: 'subscriber';
  /** Also the `ref` the hub writes into this subscriber's `session.attach`. */
  subId: string;
  userId: string;
  /** The public session id (URLs, D1) and the protocol number (frames, messages). */
  sessionId: string;
  sessionNumber: number;
  /**
   * The id of the web session that opened this socket (`web_sessions.id_hash`): signing it out closes the socket.
   * Absent only on sockets accepted before the field existed.
   */
  webSession?: string;
  /**
   * Last input, ack or attach (ms), rounded up to the minute (`activityMark`) so typing rewrites it at most once a
   * minute; pings answered without waking are read from the auto-response timestamp.
   */
  lastActiveAt: number;
  /** Since when this viewer waits for a snapshot (it attached holding nothing), on which gateway socket. */
  snapshotWait?: SnapshotWait;
  /**
   * What fits this viewer's screen, its attach mark and the mark of its input that last changed who is active
   * (`viewer-sizes.ts`). Marks are written only when the order changes, never per keystroke. Absent on sockets
   * accepted before the fields existed.
   */
  size?: TerminalSize;
  attachedAt?: number;
  inputAt?: number;
}

export interface SnapshotWait {
  since: number;
  connId: string;
}

export type SocketAttachment = GatewayAttachment | SubscriberAttachment;

export const Tag = {
  gateway: 'gateway',
  subscriber: 'subscriber',
  session: (number: number) => `session:${number}`,
  sub: (subId: string) => `sub:${subId}`,
  webSession: (id: string) => `web:${id}`,
} as const;

/** Subscriber ids double as protocol refs, so they use the ref alphabet and a prefix RPC refs never have. */
export const SUBSCRIBER_REF_PREFIX = 'sub-';
export const RPC_REF_PREFIX = 'rpc-';
/** The ref of a `gateway.update`: the gateway's errors about it update the hub's update record. */
export const UPDATE_REF_PREFIX = 'upd-';

export function isUpdateRef(ref: string | undefined): ref is string {
  return ref?.startsWith(UPDATE_REF_PREFIX) === true;
}

export function isRpcRef(ref: string | undefined): ref is string {
  return ref?.startsWith(RPC_REF_PREFIX) === true;
}

export function isSubscriberRef(ref: string | undefined): ref is string {
  return ref?.startsWith(SUBSCRIBER_REF_PREFIX) === true;
}

/** A subscriber's correlation ids for the hub's log lines. */
export function subscriberLogFields(att: SubscriberAttachment) {
  return { session_id: att.sessionId, user_id: att.userId, sub_id: att.subId };
}

export function tagsFor(attachment: SocketAttachment): string[] {
  if (attachment.role === 'gateway') return [Tag.gateway];
  const tags = [Tag.subscriber, Tag.session(attachment.sessionNumber), Tag.sub(attachment.subId)];
  return attachment.webSession === undefined ? tags : [...tags, Tag.webSession(attachment.webSession)];
}

export function isSocketAttachment(value: unknown): value is SocketAttachment {
  if (typeof value !== 'object' || value === null) return false;
  const role = (value as { role?: unknown }).role;
  return role === 'gateway' || role === 'subscriber';
}
