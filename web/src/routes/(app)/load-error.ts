/**
 * Turns an API failure inside a page load into SvelteKit's error page (404 stays 404) in words (`errorText`), or a
 * sign-in redirect that comes back here. These pages render in the browser only, so `location` is the page asked
 * for when a signed-out visitor opens it.
 */
import { error, redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/api/api-error.ts';
import { signInPath } from '$lib/signin-path.ts';
import { errorText } from '$lib/ui/error-text.ts';

export function loadError(e: unknown): never {
  if (e instanceof ApiError) {
    if (e.unauthenticated) redirect(303, signInPath(new URL(location.href)));
    error(e.status >= 400 ? e.status : 503, errorText(e));
  }
  throw e;
}
