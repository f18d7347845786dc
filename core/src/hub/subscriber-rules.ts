/**
 * What a subscriber may say. Only `session.input | session.resize | session.ack | session.attach | ping`, only
 * about its own session (a resize is not forwarded: it tells the hub what fits the viewer, `viewer-sizes.ts`
 * decides what the gateway gets); anything else is answered with a typed `error` to that subscriber alone and the
 * socket stays open. An attach's `ref` is overwritten with the subscriber's id so the gateway's snapshot for
 * it can be routed back to this subscriber only; an attach without `last_seq` asks for a snapshot, which viewers
 * opening at once share (`snapshot-sharing.ts`). What goes on is always the validated message re-serialised, never
 * the raw text: a frame naming `session_id` twice passes the check above only because this parser takes the last
 * key, and a gateway whose parser takes the first would act on another session.
 */
import { type ErrorEvent, message, parseTextFrame } from '@vibecode/schemas';

export type SubscriberVerdict =
  /**
   * `ack`: the seq a `session.ack` names, for the viewer's backlog (`viewer-backlog.ts`); `input`: the viewer typed,
   * which may make its size the session's (`viewer-sizes.ts`); `attach`: a resume, after which the viewer is told the
   * session's size.
   */
  | { kind: 'forward'; text: string; activity: boolean; ack?: number; input?: true; attach?: true }
  /** What fits the viewer's screen: the hub decides what the gateway gets (`viewer-sizes.ts`), never forwarded. */
  | { kind: 'resize'; size: { cols: number; rows: number }; claim: boolean }
  /** An attach holding nothing (no `last_seq`): forwarded unless a snapshot is already on its way; a heartbeat. */
  | { kind: 'snapshot'; text: string }
  | { kind: 'pong' }
  | { kind: 'reject'; error: ErrorEvent };

const allowed = new Set(['session.input', 'session.resize', 'session.ack', 'session.attach', 'ping']);
/** Frames that count as a heartbeat for the idle close, besides pings. */
const heartbeats = new Set(['session.input', 'session.ack', 'session.attach']);

function reject(code: string, text: string, path?: string): SubscriberVerdict {
  return {
    kind: 'reject',
    error: message('error', path === undefined ? { code, message: text } : { code, message: text, path }),
  };
}

export function judgeSubscriberFrame(
  frame: string | ArrayBuffer,
  subscriber: { subId: string; sessionNumber: number },
): SubscriberVerdict {
  if (typeof frame !== 'string') return reject('protocol.binary_not_allowed', 'subscribers send text frames only');
  const parsed = parseTextFrame(frame);
  if (!parsed.ok) return reject(parsed.error.code, parsed.error.message, parsed.error.path);
  const msg = parsed.value;
  if (!allowed.has(msg.type)) return reject('protocol.not_allowed', `a subscriber may not send ${msg.type}`);
  if (msg.type === 'ping') return { kind: 'pong' };
  if (!('session_id' in msg) || msg.session_id !== subscriber.sessionNumber) {
    return reject('session.mismatch', "this socket may only address its own session's session_id", '/session_id');
  }
  const activity = heartbeats.has(msg.type);
  if (msg.type === 'session.attach') {
    const text = JSON.stringify({ ...msg, ref: subscriber.subId });
    return msg.last_seq === undefined ? { kind: 'snapshot', text } : { kind: 'forward', text, activity, attach: true };
  }
  if (msg.type === 'session.resize') {
    return { kind: 'resize', size: { cols: msg.cols, rows: msg.rows }, claim: msg.claim === true };
  }
  const text = JSON.stringify(msg);
  if (msg.type === 'session.ack') return { kind: 'forward', text, activity, ack: msg.seq };
  return { kind: 'forward', text, activity, input: true };
}
