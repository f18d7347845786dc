/**
 * Single-use sign-in tokens (`single-use-token.ts`), bound to the email they were sent to and to the browser that
 * asked for them (`sign-in-browser.ts`; `NO_BROWSER` for none), valid 15 minutes.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { sha256Hex } from '../crypto/hash.ts';
import { isWellFormedToken } from '../crypto/random-token.ts';
import type { Db } from '../db/client.ts';
import { magicLinkTokens } from '../db/schema.ts';
import { singleUseTokens } from './single-use-token.ts';

export const MAGIC_LINK_TTL_MS = 15 * 60_000;
/** The browser hash of a link no browser is bound to: it matches no cookie, so it always asks the extra question. */
export const NO_BROWSER = '';

const tokens = singleUseTokens(magicLinkTokens, ['email', 'browserHash'], MAGIC_LINK_TTL_MS);

export type MagicLink = { email: string; browserHash: string };

export function issueMagicLink(db: Db, email: string, now: number, browserHash = NO_BROWSER): Promise<string> {
  return tokens.issue(db, { email, browserHash }, now);
}

/** The link behind the token if it is unused and unexpired at `now`, without using it up (the confirm page's GET). */
export async function peekMagicLink(db: Db, token: string, now: number): Promise<MagicLink | null> {
  if (!isWellFormedToken(token)) return null;
  const [row] = await db
    .select({ email: magicLinkTokens.email, browserHash: magicLinkTokens.browserHash })
    .from(magicLinkTokens)
    .where(
      and(
        eq(magicLinkTokens.tokenHash, await sha256Hex(token)),
        isNull(magicLinkTokens.usedAt),
        gt(magicLinkTokens.expiresAt, now),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** The email the token was issued for, if it is unused and unexpired at `now`; it is then used up. */
export async function consumeMagicLink(db: Db, token: string, now: number): Promise<string | null> {
  return (await tokens.consume(db, token, now))?.email ?? null;
}
