/**
 * Keeps "(n) " in front of the page's title while n items wait. Pages set their own titles (`<svelte:head>`) as
 * they open and change, so the prefix is put back whenever the title changes, not only when the count does.
 */
import { titleWithCount } from './attention-diff.ts';

/** For an `$effect`: prefixes the title with `count` until the returned cleanup takes it off again. */
export function countInTitle(count: number): () => void {
  const apply = () => {
    const next = titleWithCount(document.title, count);
    // Idempotent, so the observer's own change settles at once instead of looping.
    if (next !== document.title) document.title = next;
  };
  apply();
  const observer = new MutationObserver(apply);
  observer.observe(document.head, { childList: true, subtree: true, characterData: true });
  return () => {
    observer.disconnect();
    document.title = titleWithCount(document.title, 0);
  };
}
