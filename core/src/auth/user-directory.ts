/** Users by id for a channel that knows a user only by the id it linked (a chat): their sign-in address. */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { emailIdentities } from '../db/schema.ts';

export interface UserDirectory {
  /** The user's sign-in address (the first verified, when there are several), or null when there is no such user. */
  emailOf(userId: string): Promise<string | null>;
}

export function d1UserDirectory(db: Db): UserDirectory {
  return {
    async emailOf(userId) {
      const [row] = await db
        .select({ email: emailIdentities.email })
        .from(emailIdentities)
        .where(eq(emailIdentities.userId, userId))
        .orderBy(asc(emailIdentities.verifiedAt), asc(emailIdentities.email))
        .limit(1);
      return row?.email ?? null;
    },
  };
}
