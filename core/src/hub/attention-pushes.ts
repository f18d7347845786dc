/**
 * When a hub pushes its owner's new attention items to their browsers: PUSH_COALESCE_MS after the first recorded
 * item (a hook's state and the screen's question, or several sessions finishing together, make one push), through
 * the hub's alarm so a hibernating hub still does it. What is pushed, and to whom: `push/attention-push.ts`. A
 * server that sends no push (no VAPID key) schedules nothing.
 */
import type { PushRun } from '../push/attention-push.ts';
import type { HubIdentity, HubStorage } from './hub-storage.ts';

export const PUSH_COALESCE_MS = 1_500;

export interface AttentionPushesDeps {
  stored: HubStorage;
  /** Null when this server sends no push. */
  push: ((vpsId: string, now: number) => Promise<PushRun>) | null;
  wake(at: number): Promise<void>;
  identity(): HubIdentity;
}

export class AttentionPushes {
  constructor(private readonly deps: AttentionPushesDeps) {}

  /** A state that wants its person was recorded: a push is due shortly, unless one is due already. */
  async itemRecorded(now: number): Promise<void> {
    if (this.deps.push === null || this.deps.stored.pushDueAt !== undefined) return;
    const at = now + PUSH_COALESCE_MS;
    this.deps.stored.pushDueAt = at;
    await this.deps.wake(at);
  }

  /** From the alarm: pushes when due; when to look again otherwise (null: nothing pending). */
  async run(now: number): Promise<number | null> {
    const due = this.deps.stored.pushDueAt;
    if (due === undefined || this.deps.push === null) return null;
    if (now < due) return due;
    this.deps.stored.pushDueAt = undefined;
    await this.deps.push(this.deps.identity().vpsId, now);
    return null;
  }
}
