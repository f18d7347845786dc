/**
 * Session surfaces: where a session is shown outside a terminal (a Telegram topic, a pinned chat message). Core
 * knows nothing of the channel behind one. A channel answers `opened` with the bindings it made (its own opaque
 * conversation address); the session's hub keeps them, renders the session's screen to them while output flows,
 * tells them when the session goes quiet after activity and when it ends. The channels' registry implements this
 * port (`@vibecode/channels`); core's hub calls it.
 */
import type { AgentType } from '@vibecode/schemas';

/** A session as a channel names and addresses it. */
export interface SessionSummary {
  userId: string;
  vpsId: string;
  vpsName: string;
  sessionId: string;
  /** The session's number on its gateway (`session_id` in the protocol). */
  sessionNumber: number;
  title: string;
  agentType: AgentType;
}

/** One channel's place for one session: the channel's name and its own address there (opaque to core, ≤ 1 KB). */
export interface SurfaceBinding {
  channel: string;
  conversation: string;
}

/** A binding with the session it shows, as the hub hands it back to the channel. */
export interface BoundSession {
  binding: SurfaceBinding;
  session: SessionSummary;
}

/** The visible screen as plain text: no escape sequences, trailing spaces and trailing blank lines dropped. */
export interface Screen {
  text: string;
  cols: number;
  rows: number;
}

/**
 * What became of one render. `retry`: the channel was told to wait (a 429's `retry_after`); the hub renders again
 * no sooner, and the screen it then renders is the newest. `gone`: the binding no longer exists (the user deleted
 * the topic, unlinked); the hub forgets it.
 */
export type RenderOutcome = { kind: 'shown' } | { kind: 'retry'; afterMs: number } | { kind: 'gone' };

export interface RenderOptions {
  /** Post the screen as a new message rather than editing the last one (the user asked for it again). */
  fresh: boolean;
}

/** Implemented by the channels' registry; never throws for one channel's failure. */
export interface SessionSurfaces {
  /** A session started for the first time: the bindings the user's channels made for it (none is fine). */
  opened(session: SessionSummary): Promise<SurfaceBinding[]>;
  render(bound: BoundSession, screen: Screen, options: RenderOptions): Promise<RenderOutcome>;
  /** Output stopped for a while after activity: the program may be waiting for input. */
  quiet(bound: BoundSession): Promise<void>;
  /** The session ended (`reason` as in `session.ended`); the hub forgets the binding after this. */
  ended(bound: BoundSession, reason: string): Promise<void>;
}
