/** Single-use sign-in tokens (`single-use-token.ts`), bound to the email they were sent to, valid 15 minutes. */
import type { Db } from '../db/client.ts';
import { magicLinkTokens } from '../db/schema.ts';
import { singleUseTokens } from './single-use-token.ts';

export const MAGIC_LINK_TTL_MS = 15 * 60_000;

const tokens = singleUseTokens(magicLinkTokens, 'email', MAGIC_LINK_TTL_MS);

export function issueMagicLink(db: Db, email: string, now: number): Promise<string> {
  return tokens.issue(db, email, now);
}

/** The email the token was issued for, if it is unused and unexpired at `now`; it is then used up. */
export function consumeMagicLink(db: Db, token: string, now: number): Promise<string | null> {
  return tokens.consume(db, token, now);
}
