/**
 * When the hub tells a bound session's channels that its agent wants its person, or that this was answered or seen:
 * the pure part of the surface viewer's attention (`surface-viewer.ts`). Like a render it waits for `notBefore`
 * (the render interval, or a channel's retry_after), so the chat's rate limit is met by waiting, and what is told
 * then is the newest: a state change replaces an item not yet told, and a clear drops it. At most one message per
 * state change, and none for a state that was cleared before it could be told.
 */
import { type AttentionState, attentionStates, type SessionState } from '@vibecode/schemas';
import type { AttentionCleared, SessionAttention } from '../sessions/surfaces.ts';
import type { SurfaceEntry } from './surface-plan.ts';

export interface AttentionPlan {
  /** Sessions with an item or a clear to tell now. */
  due: number[];
  /** When to look again (epoch ms), or null when nothing is pending. */
  nextAt: number | null;
}

export function planAttention(entries: ReadonlyMap<number, SurfaceEntry>, now: number): AttentionPlan {
  const due: number[] = [];
  let nextAt: number | null = null;
  for (const [number, entry] of entries) {
    if (entry.bindings.length === 0 || (entry.attention === undefined && entry.cleared === undefined)) continue;
    if (now >= entry.notBefore) due.push(number);
    else nextAt = nextAt === null ? entry.notBefore : Math.min(nextAt, entry.notBefore);
  }
  return { due, nextAt };
}

/**
 * A new item for the session: it replaces any not yet told (a channel replaces a told one with its own message); a
 * clear still pending is for an earlier item and is told first. Null for the very question that is open already
 * (same fingerprint, neither answered nor seen since): the screen flickered between it and some output, and the
 * person has it in hand already.
 */
export function withAttention(entry: SurfaceEntry, item: SessionAttention): Partial<SurfaceEntry> | null {
  const asked = item.state === 'needs_input' ? item.promptFingerprint : null;
  if (asked !== null && entry.attentionOpen && entry.askedFingerprint === asked) return null;
  // The told question is back before its "moved on" was told: the screen flickered through output; it still stands.
  if (asked !== null && entry.cleared === 'moved_on' && entry.askedFingerprint === asked) {
    return { cleared: undefined, attentionOpen: true };
  }
  return { attention: item, attentionOpen: true, askedFingerprint: asked };
}

/**
 * The agent went back to work, or its program exited, with a told item open: it is cleared on its channels as moved
 * on. Its fingerprint stays, so the same question coming back before that is told cancels it (`withAttention`). An
 * item not yet told is left to be told: states can reach the hub out of order, so a `working` that arrives before
 * the `done` it follows must not swallow that `done`. Null when nothing told is open.
 */
export function withMovedOn(entry: SurfaceEntry): Partial<SurfaceEntry> | null {
  if (!entry.attentionOpen || entry.attention !== undefined) return null;
  return { cleared: 'moved_on', attentionOpen: false };
}

/**
 * The session's item was answered or seen: an item not yet told is dropped, a told one is cleared on its channels.
 * Null when there is none to clear (a viewer opening a session nothing was told about costs nothing).
 */
export function withCleared(entry: SurfaceEntry, how: AttentionCleared): Partial<SurfaceEntry> | null {
  if (!entry.attentionOpen) return null;
  return { attention: undefined, cleared: how, attentionOpen: false, askedFingerprint: null };
}

/** Whether a state wants its person (`needs_input`, `done`, `limited`), rather than nobody (`working`, `exited`). */
export function wantsAttention(state: SessionState['state']): state is AttentionState {
  return (attentionStates as readonly string[]).includes(state);
}

/** The item a recorded state makes, or null for a state that wants nobody (`working`, `exited`). */
export function attentionOf(state: SessionState, continueAtReset: boolean): SessionAttention | null {
  if (!wantsAttention(state.state)) return null;
  return {
    state: state.state,
    detail: state.detail ?? null,
    choices: state.choices ?? [],
    promptFingerprint: state.prompt_fingerprint ?? null,
    resetsAt: state.resets_at === undefined ? null : Date.parse(state.resets_at),
    continueAtReset,
  };
}
