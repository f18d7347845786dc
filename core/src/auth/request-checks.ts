/**
 * What core knows about a request, by the same rules as its own routes, for routes that live outside core (a
 * channel's link API): who is signed in (`requestUser`, the rule of `requireUser`) and whether the request comes from
 * our own origin (the rule of `sameOrigin`).
 */
import type { AppEnvName } from '../config/setting-values.ts';
import type { Db } from '../db/client.ts';
import { isSameOrigin } from '../http/origin-rule.ts';
import { type RequestUser, requestUser } from './request-user.ts';

export interface RequestChecks {
  /** The signed-in user and a renewed cookie to send back (`setCookie`), or null when not signed in. */
  signedInUser(request: Request): Promise<RequestUser | null>;
  /** Origin is ours, or absent with `Sec-Fetch-Site: same-origin`: the CSRF rule of every mutating route. */
  isSameOrigin(request: Request): boolean;
}

export function requestChecks(db: Db, appEnv: AppEnvName): RequestChecks {
  return {
    signedInUser: (request) => requestUser(db, appEnv, request, Date.now()),
    isSameOrigin,
  };
}
