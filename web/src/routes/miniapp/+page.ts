/**
 * The Mini App renders in the browser only: Telegram's object, its launch data and the cookie it earns exist there
 * alone. The load starts the Mini App once (telegram-launch.ts), then reads the picker's data (servers.ts); a page
 * `invalidate(SERVERS)` (the picker's refresh, a restart) runs it again without starting again.
 */
import type { PageLoad } from './$types';
import { listFailure, SERVERS, serversOf } from './servers.ts';
import { launch } from './telegram-launch.ts';

export const ssr = false;

export const load: PageLoad = async ({ data, depends }) => {
  depends(SERVERS);
  const started = await launch(data.scriptUrl);
  if (!started.ok) return { app: started.app, failure: started.failure, servers: [] };
  try {
    return { app: started.app, failure: null, servers: await serversOf() };
  } catch (error) {
    return { app: started.app, failure: listFailure(error), servers: [] };
  }
};
