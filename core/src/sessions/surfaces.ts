/**
 * Session surfaces: where a session is shown outside a terminal (a Telegram topic, a pinned chat message). Core
 * knows nothing of the channel behind one. A channel answers `opened` with the bindings it made (its own opaque
 * conversation address); the session's hub keeps them, renders the session's screen to them while output flows,
 * tells them when the session goes quiet after activity, when its agent wants its person (and when that was
 * answered or seen), and when it ends. The channels' registry implements this port (`@vibecode/channels`); core's
 * hub calls it.
 */
import type { AgentType, AttentionState, PromptChoice } from '@vibecode/schemas';

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

/**
 * A state change of the session's agent that wants its person (issue 17): a question (`needs_input`, its choices
 * and the fingerprint an answer must carry), a usage limit (`limited`, when it resets and whether the person chose
 * to continue then), finished work (`done`). Made once per recorded state; never for one someone watched arrive.
 */
export interface SessionAttention {
  state: AttentionState;
  /** The question or the limit's message as the screen shows it; null when the agent named nothing. */
  detail: string | null;
  choices: PromptChoice[];
  promptFingerprint: string | null;
  /** When the usage limit resets (epoch ms), when the screen said. */
  resetsAt: number | null;
  continueAtReset: boolean;
}

/**
 * Why an attention item went: a person answered it (on any surface) or opened the session, the agent went back to
 * work or its program exited without anyone's answer here (`moved_on`), or the session ended.
 */
export type AttentionCleared = 'answered' | 'seen' | 'moved_on' | 'ended';

/** Implemented by the channels' registry; never throws for one channel's failure. */
export interface SessionSurfaces {
  /** A session started for the first time: the bindings the user's channels made for it (none is fine). */
  opened(session: SessionSummary): Promise<SurfaceBinding[]>;
  render(bound: BoundSession, screen: Screen, options: RenderOptions): Promise<RenderOutcome>;
  /** Output stopped for a while after activity: the program may be waiting for input. */
  quiet(bound: BoundSession): Promise<void>;
  /**
   * The agent wants its person: the channel tells them once. `retry` is paced like a render's (the hub tries again
   * no sooner, with the newest item); `gone` forgets the binding.
   */
  attention(bound: BoundSession, item: SessionAttention): Promise<RenderOutcome>;
  /** The item told by `attention` was answered or seen: its buttons go. Best effort, never retried. */
  attentionCleared(bound: BoundSession, how: AttentionCleared): Promise<void>;
  /** The session ended (`reason` as in `session.ended`); the hub forgets the binding after this. */
  ended(bound: BoundSession, reason: string): Promise<void>;
}
