/**
 * A HealthRefresh (one request at a time, a period apart, nothing while the tab is hidden, at once on coming back
 * when a period has passed) wired to the page's visibility. For a component's `$effect`: returns its cleanup.
 */
import { HealthRefresh } from './health-refresh.ts';

export function pollWhileVisible(load: () => Promise<void>, intervalMs: number): () => void {
  const visible = () => document.visibilityState === 'visible';
  const refresh = new HealthRefresh(load, { visible: visible(), intervalMs });
  const onVisibility = () => refresh.setVisible(visible());
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    document.removeEventListener('visibilitychange', onVisibility);
    refresh.stop();
  };
}
