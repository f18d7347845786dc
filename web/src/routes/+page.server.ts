/**
 * Signed-in visitors (sign-in lands on `/`) go straight to their dashboard. Deciding on the server from the
 * cookie's presence keeps the landing free of a probing API call that would 401 for everyone else.
 */
import { redirect } from '@sveltejs/kit';
import { hasSessionCookie } from '$lib/session-cookie.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ cookies }) => {
  if (hasSessionCookie((name) => cookies.get(name))) redirect(303, '/dashboard');
};
