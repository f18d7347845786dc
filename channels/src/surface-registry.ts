/**
 * Core's `SessionSurfaces` over the channels that can show a session. A binding goes back to the channel that made
 * it; one channel failing never reaches another, nor core: it is logged with the session's ids, and a render or an
 * attention item that failed is tried again later (a `retry`), so the final screen and the question still arrive.
 */
import type { BoundSession, Logger, SessionSurfaces, SurfaceBinding } from '@vibecode/core/ports';
import type { ChannelSurface } from './surface.ts';

/** How long a render or an attention item that threw waits before the hub tries again. */
const FAILED_RENDER_RETRY_MS = 5_000;

export function surfaceRegistry(channels: readonly ChannelSurface[], log: Logger): SessionSurfaces {
  const byName = new Map(channels.map((channel) => [channel.name, channel]));
  const fields = ({ session, binding }: BoundSession) => ({
    user_id: session.userId,
    vps_id: session.vpsId,
    session_id: session.sessionId,
    channel: binding.channel,
  });
  const channelOf = (bound: BoundSession) => byName.get(bound.binding.channel);

  return {
    async opened(session) {
      const made = await Promise.all(
        channels.map(async (channel): Promise<SurfaceBinding[]> => {
          try {
            // A binding comes back to the channel that made it, whatever name it put on it.
            const bindings = await channel.opened(session);
            return bindings.map(({ conversation }) => ({ channel: channel.name, conversation }));
          } catch (error) {
            log.error('binding a session failed', {
              user_id: session.userId,
              vps_id: session.vpsId,
              session_id: session.sessionId,
              channel: channel.name,
              error: String(error),
            });
            return [];
          }
        }),
      );
      return made.flat();
    },

    async render(bound, screen, options) {
      const channel = channelOf(bound);
      if (channel === undefined) return { kind: 'gone' };
      try {
        return await channel.render(bound, screen, options);
      } catch (error) {
        log.error('rendering a session failed', { ...fields(bound), error: String(error) });
        return { kind: 'retry', afterMs: FAILED_RENDER_RETRY_MS };
      }
    },

    async quiet(bound) {
      try {
        await channelOf(bound)?.quiet(bound);
      } catch (error) {
        log.error('telling a session is quiet failed', { ...fields(bound), error: String(error) });
      }
    },

    async attention(bound, item) {
      const channel = channelOf(bound);
      if (channel === undefined) return { kind: 'gone' };
      try {
        return await channel.attention(bound, item);
      } catch (error) {
        log.error('telling a session wants its person failed', { ...fields(bound), error: String(error) });
        return { kind: 'retry', afterMs: FAILED_RENDER_RETRY_MS };
      }
    },

    async attentionCleared(bound, how) {
      try {
        await channelOf(bound)?.attentionCleared(bound, how);
      } catch (error) {
        log.error('clearing a session attention item failed', { ...fields(bound), error: String(error) });
      }
    },

    async ended(bound, reason) {
      try {
        await channelOf(bound)?.ended(bound, reason);
      } catch (error) {
        log.error('telling a session ended failed', { ...fields(bound), error: String(error) });
      }
    },
  };
}
