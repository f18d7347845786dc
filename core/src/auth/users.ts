/** Users are created on their first successful sign-in, one per verified email identity. */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { emailIdentities, users } from '../db/schema.ts';

export type SignedInUser = { id: string; email: string };

export async function findOrCreateUser(db: Db, email: string, now: number): Promise<SignedInUser> {
  const existing = await db.query.emailIdentities.findFirst({ where: eq(emailIdentities.email, email) });
  if (existing) return { id: existing.userId, email };

  const id = crypto.randomUUID();
  await db.batch([
    db.insert(users).values({ id, createdAt: now }),
    db.insert(emailIdentities).values({ email, userId: id, verifiedAt: now }).onConflictDoNothing(),
  ]);
  // Two first sign-ins for one address can race; the identity that landed wins and the spare user goes.
  const identity = await db.query.emailIdentities.findFirst({ where: eq(emailIdentities.email, email) });
  if (!identity) throw new Error('email identity missing after insert');
  if (identity.userId !== id) await db.delete(users).where(eq(users.id, id));
  return { id: identity.userId, email };
}
