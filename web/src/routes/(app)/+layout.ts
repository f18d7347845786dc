/**
 * The signed-in part of the app renders in the browser only (its data comes from the API with the session
 * cookie); a visitor without a session is sent to sign in, and comes back to this page after.
 */
import { redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/api/api-error.ts';
import { api } from '$lib/api/client.ts';
import { signInPath } from '$lib/signin-path.ts';
import type { LayoutLoad } from './$types';

export const ssr = false;

export const load: LayoutLoad = async ({ url }) => {
  try {
    return { user: await api.me() };
  } catch (error) {
    if (error instanceof ApiError && error.unauthenticated) redirect(303, signInPath(url));
    throw error;
  }
};
