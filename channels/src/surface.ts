/**
 * The session-surface side of the Channel contract: a channel that can show a session without a terminal (a
 * Telegram topic) binds a started session to a conversation of its own, renders the session's screen there, says
 * when it has gone quiet, when its agent wants its person (and takes that back once answered or seen) and when it
 * has ended. Input and files travel the other way, from the channel's own
 * updates through core's `SessionControl`. The surface registry (`surface-registry.ts`) is core's
 * `SessionSurfaces` over the channels that have one.
 */
import type {
  AttentionCleared,
  BoundSession,
  RenderOptions,
  RenderOutcome,
  Screen,
  SessionAttention,
  SessionSummary,
  SurfaceBinding,
} from '@vibecode/core/ports';

export interface ChannelSurface {
  /** The channel's name, as its bindings carry it (`SurfaceBinding.channel`). */
  readonly name: string;
  /** The bindings this channel made for a newly started session (none when the user has not linked it). */
  opened(session: SessionSummary): Promise<SurfaceBinding[]>;
  render(bound: BoundSession, screen: Screen, options: RenderOptions): Promise<RenderOutcome>;
  quiet(bound: BoundSession): Promise<void>;
  attention(bound: BoundSession, item: SessionAttention): Promise<RenderOutcome>;
  attentionCleared(bound: BoundSession, how: AttentionCleared): Promise<void>;
  ended(bound: BoundSession, reason: string): Promise<void>;
}
