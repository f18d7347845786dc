/**
 * The attention feed as the web holds it, without DOM: the items of `GET /api/attention` and the names to show them
 * by (server and session titles, read once per unknown session), one-tap answers, and the one notification per read
 * for what appeared while the tab was hidden. The Svelte store (`attention.svelte.ts`) shows each `FeedView`; the
 * poller and the browser's Notification are its ports, so every rule here is tested with fakes.
 */
import { type AttentionItem, attentionNotification, type PromptChoice, type PushMessage } from '@vibecode/schemas';
import type { Api } from '../api/client.ts';
import { errorText } from '../ui/error-text.ts';
import { newItems } from './attention-diff.ts';

export interface FeedView {
  items: AttentionItem[];
  /** Session id → its title; a session not (yet) named is missing. */
  titles: ReadonlyMap<string, string>;
  /** VPS id → its name. */
  servers: ReadonlyMap<string, string>;
  /** The session whose answer is on its way: its buttons wait. */
  answering: string | null;
  /** Why the last answer was not typed (an `errorText`: sentence and code), until the next answer. */
  answerError: string | null;
}

export interface FeedPorts {
  api: Pick<Api, 'attention' | 'answer' | 'continueAtReset' | 'listVps' | 'listSessions'>;
  /** Whether the tab is hidden now: only then do new items notify. */
  hidden: () => boolean;
  /** Whether the user allowed notifications (asked with "Notify me", never on load). */
  mayNotify: () => boolean;
  notify: (plan: PushMessage) => void;
  onChange: (view: FeedView) => void;
}

/** What a session without a known title is called (its list could not be read). */
export const UNNAMED_SESSION = 'A session';

export class AttentionFeed {
  readonly #ports: FeedPorts;
  /** Null until the first read: what waits when the page opens is shown, not notified. */
  #items: AttentionItem[] | null = null;
  readonly #titles = new Map<string, string>();
  readonly #servers = new Map<string, string>();
  #answering: string | null = null;
  #answerError: string | null = null;
  /** Reads started; an answer that comes back after a newer read started is dropped (it is older news). */
  #reads = 0;

  constructor(ports: FeedPorts) {
    this.#ports = ports;
  }

  get view(): FeedView {
    return {
      items: this.#items ?? [],
      titles: this.#titles,
      servers: this.#servers,
      answering: this.#answering,
      answerError: this.#answerError,
    };
  }

  titleOf(item: Pick<AttentionItem, 'session_id'>): string {
    return this.#titles.get(item.session_id) ?? UNNAMED_SESSION;
  }

  /** Reads the feed; a failure rejects and keeps what was shown (the poller tries again a period later). */
  async refresh(): Promise<void> {
    const read = ++this.#reads;
    const items = await this.#ports.api.attention();
    if (read !== this.#reads) return;
    await this.#learnNames(items);
    if (read !== this.#reads) return;
    const fresh = newItems(this.#items, items);
    this.#items = items;
    if (fresh.length > 0 && this.#ports.hidden() && this.#ports.mayNotify()) {
      const plan = attentionNotification(fresh, (item) => this.titleOf(item));
      if (plan) this.#ports.notify(plan);
    }
    this.#emit();
  }

  /**
   * Types `choice` into the question `item` shows. Answered, its item goes at once (the server cleared it); refused
   * (the question changed, the session stopped…), the reason shows; either way the feed is read again at once.
   */
  async answer(item: AttentionItem, choice: PromptChoice['key']): Promise<void> {
    const fingerprint = item.prompt_fingerprint;
    if (fingerprint === undefined) return;
    await this.#act(item, async () => {
      await this.#ports.api.answer(item.session_id, { prompt_fingerprint: fingerprint, choice });
      this.#items = (this.#items ?? []).filter((i) => i.session_id !== item.session_id);
    });
  }

  /**
   * Switches continue-at-reset for the limit `item` shows; the item says so at once, a refusal shows like an
   * answer's, and the feed is read again.
   */
  async continueAtReset(item: AttentionItem, enabled: boolean): Promise<void> {
    await this.#act(item, async () => {
      await this.#ports.api.continueAtReset(item.session_id, enabled);
      this.#items = (this.#items ?? []).map((i) =>
        i.session_id === item.session_id ? { ...i, continue_at_reset: enabled } : i,
      );
    });
  }

  /** One action on an item at a time: its buttons wait, a refusal's reason shows, then the feed is read again. */
  async #act(item: AttentionItem, action: () => Promise<void>): Promise<void> {
    if (this.#answering !== null) return;
    this.#answering = item.session_id;
    this.#answerError = null;
    this.#emit();
    try {
      await action();
    } catch (error) {
      this.#answerError = errorText(error);
    } finally {
      this.#answering = null;
      this.#emit();
    }
    await this.refresh().catch(() => {});
  }

  /**
   * The server and session names the list shows, read only for what is not known yet: the server list once a
   * server is unknown, and the sessions of each server that has an unknown session. A failed read leaves the
   * names missing (shown generically) and is tried again with the next read of the feed.
   */
  async #learnNames(items: readonly AttentionItem[]): Promise<void> {
    const { api } = this.#ports;
    const reads: Promise<void>[] = [];
    if (items.some((item) => !this.#servers.has(item.vps_id))) {
      reads.push(
        api.listVps().then((list) => {
          for (const vps of list) this.#servers.set(vps.id, vps.name);
        }),
      );
    }
    const unnamed = new Set(items.filter((item) => !this.#titles.has(item.session_id)).map((item) => item.vps_id));
    for (const vpsId of unnamed) {
      reads.push(
        api.listSessions(vpsId).then((list) => {
          for (const session of list) this.#titles.set(session.id, session.title);
        }),
      );
    }
    await Promise.allSettled(reads);
  }

  #emit(): void {
    this.#ports.onChange(this.view);
  }
}
