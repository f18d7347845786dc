/**
 * The server page's pollers (HealthRefresh and what is built on it: one request at a time, a period apart, nothing
 * while the tab is hidden, at once on coming back when a period has passed) wired to the page's visibility. For a
 * component's `$effect`: each returns its cleanup.
 */
import { HealthRefresh } from './health-refresh.ts';

interface VisibilityPoller {
  setVisible(visible: boolean): void;
  stop(): void;
}

export const tabVisible = () => document.visibilityState === 'visible';

/** Tells `poller` whenever the tab is hidden or shown, until the returned cleanup stops both. */
export function followVisibility(poller: VisibilityPoller): () => void {
  const onVisibility = () => poller.setVisible(tabVisible());
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    document.removeEventListener('visibilitychange', onVisibility);
    poller.stop();
  };
}

export function pollWhileVisible(load: () => Promise<void>, intervalMs: number): () => void {
  return followVisibility(new HealthRefresh(load, { visible: tabVisible(), intervalMs }));
}
