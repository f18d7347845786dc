import { ApiError } from '$lib/api/api-error.ts';
import { api } from '$lib/api/client.ts';
import { loadError } from '../../load-error.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  const vps = await api.getVps(params.id).catch(loadError);
  // The server view still renders when only the session list fails (for instance while the gateway is away).
  const sessions = await api.listSessions(params.id).catch((e: unknown) => {
    if (e instanceof ApiError && !e.unauthenticated) return e;
    return loadError(e);
  });
  return { vps, sessions };
};
