/**
 * Attention on the channels' surfaces: an agent state that wants a session's person is told to the session's
 * channels once, and so is its answer, its opening or the agent going on without it; each change waits for the
 * session's next turn on its channels (`attention-plan.ts`), paced like a render, and the surface viewer's alarm tells
 * what is due (`tell`) before it renders screens.
 */
import type { Logger } from '@vibecode/schemas/log';
import type { AttentionCleared, SessionAttention, SessionSurfaces, SurfaceBinding } from '../sessions/surfaces.ts';
import { withAttention, withCleared, withMovedOn } from './attention-plan.ts';
import { SURFACE_RENDER_INTERVAL_MS } from './limits.ts';
import type { SurfaceEntries } from './surface-entries.ts';
import type { SurfaceEntry } from './surface-plan.ts';

export interface SurfaceAttentionDeps {
  surfaces(): SessionSurfaces;
  log(): Logger;
  /** Applies a change to a session's entry and arms the alarm for its next turn (the surface viewer's). */
  schedule(number: number, entry: SurfaceEntry, change: Partial<SurfaceEntry>, now: number): void;
}

export class SurfaceAttention {
  constructor(
    private readonly entries: SurfaceEntries,
    private readonly deps: SurfaceAttentionDeps,
  ) {}

  /** Session `number`'s agent wants its person (a state nobody watched arrive): its channels are told, once. */
  wanted(number: number, item: SessionAttention, now: number): void {
    this.change(number, now, (entry) => withAttention(entry, item));
  }

  /** Session `number`'s item was answered, or a viewer opened the session: its channels clear what they told. */
  cleared(number: number, how: AttentionCleared, now: number): void {
    this.change(number, now, (entry) => withCleared(entry, how));
  }

  /** Session `number`'s agent went back to work or exited: what its channels were told it asked no longer waits. */
  movedOn(number: number, now: number): void {
    this.change(number, now, withMovedOn);
  }

  /**
   * Tells the session's channels its pending clear, then its pending item. A `retry` keeps the item (unless a newer
   * one came meanwhile) for every binding: one per channel, and one channel shows sessions today.
   */
  async tell(number: number, now: number): Promise<void> {
    const entry = this.entries.get(number);
    if (entry === undefined) return;
    const { attention, cleared } = entry;
    const notBefore = Math.max(entry.notBefore, now + SURFACE_RENDER_INTERVAL_MS);
    Object.assign(entry, { attention: undefined, cleared: undefined, notBefore });
    this.entries.save(number, entry);
    const surfaces = this.deps.surfaces();
    const kept: SurfaceBinding[] = [];
    for (const binding of entry.bindings) {
      const bound = { binding, session: entry.session };
      if (cleared !== undefined) await surfaces.attentionCleared(bound, cleared);
      const outcome = attention === undefined ? null : await surfaces.attention(bound, attention);
      if (outcome?.kind === 'gone') {
        this.deps.log().info('surface gone', { session_id: entry.session.sessionId, channel: binding.channel });
        continue;
      }
      kept.push(binding);
      if (outcome?.kind === 'retry') {
        entry.attention ??= attention;
        entry.notBefore = Math.max(entry.notBefore, Date.now() + outcome.afterMs);
      }
    }
    entry.bindings = kept;
    // Ended while telling: forgotten already, not brought back.
    if (this.entries.get(number) === entry) this.entries.save(number, entry);
  }

  /** The change `plan` makes to a session shown on some channel, scheduled; nothing when it makes none. */
  private change(number: number, now: number, plan: (entry: SurfaceEntry) => Partial<SurfaceEntry> | null): void {
    const entry = this.entries.get(number);
    if (entry === undefined || entry.bindings.length === 0) return;
    const change = plan(entry);
    if (change !== null) this.deps.schedule(number, entry, change, now);
  }
}
