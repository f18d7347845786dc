/**
 * When the hub renders a bound session's screen and when it says the session has gone quiet: the pure part of the
 * surface viewer (`surface-viewer.ts`). A render waits for `notBefore` (the render interval after the last one, or
 * a channel's retry_after), so a flood of output costs one render per interval and the newest screen is the one
 * rendered. The quiet notice is for work that ran a while unattended: output that went on for at least the quiet
 * period since the last input, then stopped for the quiet period. The echo of a quick command (output for a moment
 * after the user typed) earns none: the user is there. It comes only once the final screen is out. A session whose
 * gateway reports its agent's states gets none at all: the state `done` after such work says it (`attention-plan.ts`),
 * and one event is told once.
 */
import type { AttentionCleared, SessionAttention, SessionSummary, SurfaceBinding } from '../sessions/surfaces.ts';

/** What the hub keeps per session it has offered to the channels (in DO storage; `bindings` may be empty). */
export interface SurfaceEntry {
  session: SessionSummary;
  bindings: SurfaceBinding[];
  /** Output came (or a render was asked for) since the last render began. */
  dirty: boolean;
  /** The next render posts a new message instead of editing (the user asked for the screen again). */
  fresh: boolean;
  /** No render before this (epoch ms). */
  notBefore: number;
  /** Output came since the last quiet notice or input. */
  active: boolean;
  /** When the current run of output began: its first frame after input, a quiet notice, or a quiet period. */
  activeSince: number;
  lastOutputAt: number;
  /** The gateway connection the hub attached this session on: output flows to the hub only once attached. */
  attachedConn: string | null;
  /** An attention item to tell the channels, due at `notBefore` (`attention-plan.ts`); only the newest is kept. */
  attention?: SessionAttention;
  /** That the last item told was answered or seen, due at `notBefore`. */
  cleared?: AttentionCleared;
  /** An item was told (or is to be) and not cleared since: only then does an opening or an answer clear one. */
  attentionOpen?: boolean;
  /** The fingerprint of the open item's question, when it is one: the same question again is not told twice. */
  askedFingerprint?: string | null;
  /** The gateway reports this session's agent states (`session.state`): its `done` replaces the quiet notice. */
  reportsStates?: boolean;
}

export interface SurfacePlan {
  render: number[];
  quiet: number[];
  /** When to look again (epoch ms), or null when nothing is pending. */
  nextAt: number | null;
}

export function planSurfaces(entries: ReadonlyMap<number, SurfaceEntry>, now: number, quietMs: number): SurfacePlan {
  const render: number[] = [];
  const quiet: number[] = [];
  let nextAt: number | null = null;
  const later = (at: number) => {
    nextAt = nextAt === null ? at : Math.min(nextAt, at);
  };
  for (const [number, entry] of entries) {
    if (entry.bindings.length === 0) continue;
    if (entry.dirty) {
      if (now >= entry.notBefore) render.push(number);
      else later(entry.notBefore);
    } else if (!entry.reportsStates && entry.active && entry.lastOutputAt - entry.activeSince >= quietMs) {
      const quietAt = entry.lastOutputAt + quietMs;
      if (now >= quietAt) quiet.push(number);
      else later(quietAt);
    }
  }
  return { render, quiet, nextAt };
}
