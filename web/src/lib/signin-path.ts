/**
 * The way to sign-in from a page that needs it, remembering the page: `/signin?next=<path>`. The sign-in page
 * passes `next` on with the link request, and the control plane sends the person there once signed in. Only a
 * same-origin path is kept (`safeNextPath`, the rule the control plane checks again).
 */
import { safeNextPath } from '@vibecode/schemas';

/** `url` is the page the person was going to; the dashboard (where sign-in lands anyway) needs no `next`. */
export function signInPath(url: URL): string {
  const next = safeNextPath(`${url.pathname}${url.search}${url.hash}`);
  if (next === null || next === '/dashboard' || next === '/') return '/signin';
  return `/signin?next=${encodeURIComponent(next)}`;
}

/** The `next` a sign-in page was opened with, if it is safe to pass on. */
export function nextFrom(search: URLSearchParams): string | undefined {
  return safeNextPath(search.get('next')) ?? undefined;
}
