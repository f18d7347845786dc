/** Turns an API failure inside a page load into SvelteKit's error page (404 stays 404), or a sign-in redirect. */
import { error, redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/api/api-error.ts';

export function loadError(e: unknown): never {
  if (e instanceof ApiError) {
    if (e.unauthenticated) redirect(303, '/signin');
    error(e.status >= 400 ? e.status : 503, e.message);
  }
  throw e;
}
