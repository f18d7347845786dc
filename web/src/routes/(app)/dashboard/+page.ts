import { api } from '$lib/api/client.ts';
import { loadError } from '../load-error.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async () => ({ vps: await api.listVps().catch(loadError) });
