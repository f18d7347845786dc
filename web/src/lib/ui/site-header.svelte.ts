/**
 * The right-hand side of the site's one header bar, which a layout below the root fills: the signed-in app puts its
 * navigation and account menu there, so every page has one bar (a bar per layout stacked two on a phone, their
 * buttons wrapping).
 */
import { getContext, type Snippet, setContext } from 'svelte';

const KEY = Symbol('site-header');

export class SiteHeader {
  actions: Snippet | undefined = $state();
}

/** The root layout's: the header whose actions it renders. */
export function provideSiteHeader(): SiteHeader {
  const header = new SiteHeader();
  setContext(KEY, header);
  return header;
}

/** Shows `actions` in the site header while the calling component is mounted. */
export function showInSiteHeader(actions: Snippet): void {
  const header = getContext<SiteHeader | undefined>(KEY);
  $effect(() => {
    if (!header) return;
    header.actions = actions;
    return () => {
      if (header.actions === actions) header.actions = undefined;
    };
  });
}
