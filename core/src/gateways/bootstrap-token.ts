/**
 * One-time tokens that cloud-init hands the gateway so it can register (`auth/single-use-token.ts`). Bound to one VPS,
 * valid for 1 hour: cloud-init installs the gateway before the first registration attempt, which can take several
 * minutes on a small droplet, and a token that leaks after that hour is worthless.
 */

import { singleUseTokens } from '../auth/single-use-token.ts';
import type { Db } from '../db/client.ts';
import { bootstrapTokens } from '../db/schema.ts';

export const BOOTSTRAP_TOKEN_TTL_MS = 3_600_000;

const tokens = singleUseTokens(bootstrapTokens, ['vpsId'], BOOTSTRAP_TOKEN_TTL_MS);

export function issueBootstrapToken(db: Db, vpsId: string, now: number): Promise<string> {
  return tokens.issue(db, { vpsId }, now);
}

/** The VPS the token is bound to, if it is unused and unexpired at `now`; it is then used up. */
export async function consumeBootstrapToken(db: Db, token: string, now: number): Promise<string | null> {
  return (await tokens.consume(db, token, now))?.vpsId ?? null;
}
