/** The hono environment every route shares: bindings from wrangler.toml, per-request variables set by middleware. */
import type { Logger } from './log.ts';

export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    log: Logger;
  };
};
