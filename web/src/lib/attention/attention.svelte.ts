/**
 * The signed-in pages' one attention store: the feed (`attention-feed.ts`) as Svelte state, read at once, then every
 * ATTENTION_POLL_MS while the tab shows (`HealthRefresh`'s rules: one read at a time, at once on coming back when a
 * period has passed). A hidden tab reads on only once the user allowed notifications, since notifying is then its
 * only purpose; the browser's own throttling of hidden tabs (down to once a minute in Chrome) bounds that cost.
 * Once notifications are allowed it also keeps this browser's Web Push subscription in step (`push/browser-push.ts`):
 * with push on, the server tells a closed browser, and a hidden tab stops notifying on its own (the push would say
 * the same twice); a push also reaches the open tabs through the service worker, which then read at once. The (app)
 * layout makes it and hands it to the pages through the context (`attentionOf`).
 */
import { getContext, setContext } from 'svelte';
import { type Api, api as defaultApi } from '../api/client.ts';
import {
  type PushState,
  pushTurnedOff,
  rememberPushTurnedOff,
  serviceWorker,
  stopPush,
  syncPush,
} from '../push/browser-push.ts';
import { isFeedChanged } from '../push/push-event.ts';
import { HealthRefresh } from '../ui/health-refresh.ts';
import { followVisibility, tabVisible } from '../ui/visible-poll.ts';
import { AttentionFeed, type FeedView } from './attention-feed.ts';
import { notificationPermission, requestNotifications, showNotification } from './notifier.ts';

const ATTENTION_POLL_MS = 10_000;

const KEY = Symbol('attention');

export class AttentionStore {
  view: FeedView = $state.raw({
    items: [],
    titles: new Map(),
    servers: new Map(),
    answering: null,
    answerError: null,
  });
  permission = $state(notificationPermission());
  push: PushState = $state('off');
  readonly #feed: AttentionFeed;
  readonly #api: Api;
  readonly #dev: boolean;
  #worker: ServiceWorkerRegistration | null = null;
  #followPermission: (() => void) | null = null;

  /** `open` goes to a page of the app (a notification's click); `dev`: Vite serves the service worker as a module. */
  constructor(open: (path: string) => void, api: Api = defaultApi, dev = false) {
    this.#api = api;
    this.#dev = dev;
    this.#feed = new AttentionFeed({
      api,
      hidden: () => !tabVisible(),
      mayNotify: () => this.permission === 'granted' && this.push !== 'on',
      notify: (plan) => showNotification(plan, open, this.#worker),
      onChange: (view) => {
        this.view = view;
      },
    });
  }

  titleOf: AttentionFeed['titleOf'] = (item) => this.#feed.titleOf(item);
  answer: AttentionFeed['answer'] = (item, choice) => this.#feed.answer(item, choice);
  continueAtReset: AttentionFeed['continueAtReset'] = (item, enabled) => this.#feed.continueAtReset(item, enabled);

  /** Starts reading; the returned cleanup stops it (for the layout's `$effect`). */
  start(): () => void {
    this.#feed.refresh().catch(() => {});
    if (this.permission === 'granted' && !pushTurnedOff()) this.#startPush().catch(() => {});
    const active = () => tabVisible() || this.permission === 'granted';
    const poll = new HealthRefresh(() => this.#feed.refresh(), { visible: active(), intervalMs: ATTENTION_POLL_MS });
    this.#followPermission = () => poll.setVisible(active());
    const stop = followVisibility({ setVisible: () => poll.setVisible(active()), stop: () => poll.stop() });
    const onWorkerMessage = (event: MessageEvent) => {
      if (isFeedChanged(event.data)) this.#feed.refresh().catch(() => {});
    };
    navigator.serviceWorker?.addEventListener('message', onWorkerMessage);
    return () => {
      this.#followPermission = null;
      navigator.serviceWorker?.removeEventListener('message', onWorkerMessage);
      stop();
    };
  }

  /** "Notify me": asks the browser, from the user's tap, and subscribes this browser to pushes once allowed. */
  async askToNotify(): Promise<void> {
    this.permission = await requestNotifications();
    this.#followPermission?.();
    if (this.permission === 'granted') await this.turnOnPush();
  }

  /** Pushes to this browser even while every tab is closed (the person's tap, or "Notify me"). */
  async turnOnPush(): Promise<void> {
    rememberPushTurnedOff(false);
    await this.#startPush();
  }

  /** "Turn off" for this browser: no more pushes to it (the page's own notifications stay while it is allowed). */
  async stopPushing(): Promise<void> {
    rememberPushTurnedOff(true);
    if (this.#worker !== null) await stopPush(this.#api, this.#worker);
    this.push = 'off';
    this.#followPermission?.();
  }

  /** Signing out: the server forgets this browser, which subscribes again for whoever signs in next. */
  async forgetThisBrowser(): Promise<void> {
    if (this.#worker !== null) await stopPush(this.#api, this.#worker);
    this.push = 'off';
  }

  async #startPush(): Promise<void> {
    this.#worker ??= await serviceWorker(this.#dev);
    this.push = this.#worker === null ? 'unsupported' : await syncPush(this.#api, this.#worker);
  }
}

export function provideAttention(store: AttentionStore): void {
  setContext(KEY, store);
}

/** The store of the signed-in pages; undefined outside them (the Telegram Mini App shows no attention). */
export function attentionOf(): AttentionStore | undefined {
  return getContext<AttentionStore | undefined>(KEY);
}
