import { api } from '$lib/api/client.ts';
import { loadError } from '../load-error.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async () => {
  const [vps, connection, notices] = await Promise.all([api.listVps(), api.cloud(), api.notices()]).catch(loadError);
  return { vps, connection, notices };
};
