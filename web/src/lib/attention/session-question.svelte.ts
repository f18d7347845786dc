/**
 * The question a session's page offers to answer from the bar over its terminal: what the attention feed held as the
 * page opened (the hub tells a viewer only of changes, and opening the session clears its item), then each agent
 * state the terminal hears. The Mini App has no feed: only the live states.
 */
import { untrack } from 'svelte';
import type { AttentionStore } from './attention.svelte.ts';
import { type OpenQuestion, openQuestion } from './attention-words.ts';

export class SessionQuestion {
  current: OpenQuestion | null = $state(null);
  readonly #feed: AttentionStore | undefined;

  constructor(feed: AttentionStore | undefined) {
    this.#feed = feed;
  }

  /** The page shows session `id` (an `$effect`'s: the feed's later reads must not re-run it). */
  opened(id: string): void {
    this.current = untrack(() => openQuestion(this.#feed?.view.items.find((item) => item.session_id === id) ?? null));
  }

  /** An agent state the terminal heard: a question shows, anything else takes the bar away. */
  heard(state: Parameters<typeof openQuestion>[0]): void {
    this.current = openQuestion(state);
  }

  /** An answer came back: its bar goes, unless the agent asked something else meanwhile and that bar shows now. */
  answered(fingerprint: string): void {
    if (this.current?.prompt_fingerprint === fingerprint) this.current = null;
  }
}
