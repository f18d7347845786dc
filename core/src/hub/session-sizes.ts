/**
 * The hub's side of "one size, the active viewer's": applies `viewer-sizes.ts` to the sockets. Each viewer's size
 * and marks live in its attachment (so a woken hub still knows who is active); a resize goes to the gateway only when
 * the session's size changes, and every viewer of the session is told the session's size (`session.size`).
 *
 * Typing stays free: a keystroke from the viewer already known to rank first is a map lookup, and a mark is written
 * only when a keystroke changes who is active (at most once per switch, never per keystroke).
 */
import { message } from '@vibecode/schemas';
import type { SubscriberAttachment } from './attachment.ts';
import { updateAttachment } from './attachment-cache.ts';
import type { HubSockets } from './hub-sockets.ts';
import { sendQuietly } from './sockets.ts';
import { inputMark, nextMark, sameSize, sessionSize, type TerminalSize, type ViewerSizeState } from './viewer-sizes.ts';

type Viewer = { ws: WebSocket; att: SubscriberAttachment };

function stateOf(att: SubscriberAttachment): ViewerSizeState {
  return { id: att.subId, size: att.size, attachedAt: att.attachedAt ?? 0, inputAt: att.inputAt };
}

const keyOf = (size: TerminalSize) => `${size.cols}x${size.rows}`;

export class SessionSizes {
  // All three are memory only, so a woken hub starts them empty: it then tells the viewers and the gateway the size
  // once more, which changes nothing (tmux ignores a resize to the size it has).
  /** The size last told to each session's viewers. */
  private readonly told = new Map<number, string>();
  /** The size last sent to the gateway for each session, and on which gateway socket (a new one is told again). */
  private readonly sent = new Map<number, { key: string; connId: string | undefined }>();
  /** Per session, the viewer known to rank first as a typist: its keystrokes change nothing. */
  private readonly typist = new Map<number, string>();

  constructor(private readonly sockets: HubSockets) {}

  /** The attach mark of a viewer joining session `number` now: after every mark its other viewers hold. */
  attachMark(number: number, now: number): number {
    return nextMark(
      this.sockets.ofSession(number).map((v) => stateOf(v.att)),
      now,
    );
  }

  /** The viewer said what fits its screen; with `claim` ("Fit to this screen") it becomes the active one. */
  resize(ws: WebSocket, att: SubscriberAttachment, size: TerminalSize, claim: boolean, now: number): void {
    const current = sameSize(att.size, size) ? att : updateAttachment(ws, att, { size: { ...size } });
    if (claim) this.markInput(ws, current, now);
    this.settle(att.sessionNumber, ws);
  }

  /** The viewer typed (and its input went to the gateway): it becomes the active one unless it is already. */
  input(ws: WebSocket, att: SubscriberAttachment, now: number): void {
    if (this.typist.get(att.sessionNumber) === att.subId) return;
    this.markInput(ws, att, now);
    this.settle(att.sessionNumber);
  }

  /** The viewer attached: it learns the session's size at once, before any output at that size reaches it. */
  attached(ws: WebSocket, att: SubscriberAttachment): void {
    const size = sessionSize(this.viewers(att.sessionNumber).map((v) => stateOf(v.att)));
    if (size !== null) sendQuietly(ws, this.sizeText(att.sessionNumber, size));
  }

  /** The viewer is gone: when it was the active one, the next most recent one's size becomes the session's. */
  left(att: SubscriberAttachment): void {
    const number = att.sessionNumber;
    if (this.typist.get(number) === att.subId) this.typist.delete(number);
    this.settle(number, undefined, att.subId);
    // Nobody left to tell: forgetting keeps the maps as small as the live viewers (the next one resends the size).
    if (this.viewers(number, att.subId).length === 0) {
      this.told.delete(number);
      this.sent.delete(number);
    }
  }

  private markInput(ws: WebSocket, att: SubscriberAttachment, now: number): void {
    const number = att.sessionNumber;
    const mark = inputMark(
      this.viewers(number).map((v) => stateOf(v.att)),
      att.subId,
      now,
    );
    if (mark !== null) updateAttachment(ws, att, { inputAt: mark });
    // A viewer without a size takes no part yet: remembering it would skip the mark its first sized keystroke needs.
    if (att.size !== undefined) this.typist.set(number, att.subId);
  }

  /**
   * Works out the session's size from its viewers (without `leaving`): the gateway gets it when it changed, the viewers
   * are told when it changed, and `asker` (a viewer that just said its size) is told in any case.
   */
  private settle(number: number, asker?: WebSocket, leaving?: string): void {
    const viewers = this.viewers(number, leaving);
    const size = sessionSize(viewers.map((v) => stateOf(v.att)));
    if (size === null) return;
    const key = keyOf(size);
    this.resizeGateway(number, size, key);
    const text = this.sizeText(number, size);
    if (this.told.get(number) !== key) {
      this.told.set(number, key);
      for (const viewer of viewers) sendQuietly(viewer.ws, text);
    } else if (asker !== undefined) {
      sendQuietly(asker, text);
    }
  }

  /** While the gateway is offline nothing is sent: its viewers say their sizes again when it is back. */
  private resizeGateway(number: number, size: TerminalSize, key: string): void {
    const gateway = this.sockets.liveGateway();
    if (gateway === null) return;
    const connId = this.sockets.currentConn();
    const last = this.sent.get(number);
    if (last?.key === key && last.connId === connId) return;
    this.sent.set(number, { key, connId });
    sendQuietly(gateway, JSON.stringify(message('session.resize', { session_id: number, ...size })));
  }

  private viewers(number: number, leaving?: string): Viewer[] {
    return this.sockets.ofSession(number).filter((v) => v.att.subId !== leaving && v.ws.readyState === WebSocket.OPEN);
  }

  private sizeText(number: number, size: TerminalSize): string {
    return JSON.stringify(message('session.size', { session_id: number, cols: size.cols, rows: size.rows }));
  }
}
