/** The hono environment every route shares: bindings from wrangler.toml, per-request variables set by middleware. */

import type { Logger } from '@vibecode/schemas/log';
import type { SignedInUser } from './auth/users.ts';
import type { Config } from './config/config.ts';
import type { AnswerListeners } from './notify/answered-notices.ts';

export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    log: Logger;
    /** Validated once per env by `requireConfig`; every route after it can rely on it. */
    config: Config;
    /** Set by `requireUser` on the routes that use it. */
    user: SignedInUser;
    /** Whom a route that answers a notice tells (the channels the Worker entry plugs in). */
    answers: AnswerListeners;
  };
};
