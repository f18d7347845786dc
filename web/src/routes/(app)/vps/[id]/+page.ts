import { ApiError } from '$lib/api/api-error.ts';
import { api } from '$lib/api/client.ts';
import { loadError } from '../../load-error.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  const vps = await api.getVps(params.id).catch(loadError);
  // The server view still renders when a list fails (for instance while the gateway is away).
  const partial = (e: unknown) => (e instanceof ApiError && !e.unauthenticated ? e : loadError(e));
  const [sessions, keys, health] = await Promise.all([
    api.listSessions(params.id).catch(partial),
    api.listKeys(params.id).catch(partial),
    api.vpsHealth(params.id).catch(partial),
  ]);
  return { vps, sessions, keys, health };
};
