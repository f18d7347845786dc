/**
 * Viewers opening at once share snapshots. A viewer holding nothing attaches without `last_seq`, which asks the
 * gateway for a snapshot; the gateway answers attaches one at a time with a tmux capture each (tens of ms), so 50
 * viewers opening together would wait for 50 captures in a row. While one such request for a session is on its way
 * over the live gateway socket, another viewer's fresh attach waits for the same answer instead of asking again: a
 * snapshot is the screen as of its `seq`, and every later frame follows it on the gateway's one socket, so any viewer
 * subscribed when it passes through the hub can start from it.
 */
import type { ProtocolMessage } from '@vibecode/schemas';
import type { SnapshotWait } from './attachment.ts';

/** How long a fresh attach waits for a snapshot another viewer asked for before it asks again itself. */
export const SNAPSHOT_SHARE_MS = 10_000;

/** Whether a snapshot some viewer asked for is still on its way on the gateway socket `connId` at `now`. */
export function snapshotInFlight(waits: Iterable<SnapshotWait | undefined>, connId: string, now: number): boolean {
  for (const wait of waits) {
    if (wait !== undefined && wait.connId === connId && now - wait.since < SNAPSHOT_SHARE_MS) return true;
  }
  return false;
}

/** The gateway's answers to an attach: what the viewers waiting for a snapshot get too. */
export function answersAttach(
  msg: ProtocolMessage,
): msg is Extract<ProtocolMessage, { type: 'session.snapshot' | 'session.error' }> {
  return msg.type === 'session.snapshot' || msg.type === 'session.error';
}

/**
 * The answer as each waiting viewer gets it: its own subscriber id as the ref, the rest as the gateway sent it.
 * The body is serialised once; each viewer's copy only appends its ref.
 */
export function answerWithRef(
  msg: Extract<ProtocolMessage, { type: 'session.snapshot' | 'session.error' }>,
): (ref: string) => string {
  const { ref: _ref, ...rest } = msg;
  const body = JSON.stringify(rest).slice(0, -1);
  return (ref) => `${body},"ref":${JSON.stringify(ref)}}`;
}
