import { error } from '@sveltejs/kit';
import { api } from '$lib/api/client.ts';
import { loadError } from '../../../../load-error.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  const sessions = await api.listSessions(params.id).catch(loadError);
  const session = sessions.find((s) => s.id === params.sid);
  if (!session) error(404, 'This session does not exist or has ended.');
  return { session, vpsId: params.id };
};
