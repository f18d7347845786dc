/**
 * The browsers each user asked to be pushed to (`push_subscriptions`). A subscription is named by its endpoint's
 * digest, so the browser that subscribes again (a new key after the old one expired, another user signed in on the
 * same profile) replaces its row rather than adding one; a user keeps at most MAX_SUBSCRIPTIONS_PER_USER, the oldest
 * going first.
 */

import { pushSubscriptionId } from '@vibecode/schemas';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { pushSubscriptions } from '../db/schema.ts';
import type { PushTarget } from './push-sender.ts';

/** Enough for every browser and phone a person uses; a client subscribing in a loop cannot grow it further. */
export const MAX_SUBSCRIPTIONS_PER_USER = 10;

export interface StoredSubscription extends PushTarget {
  id: string;
}

export async function saveSubscription(db: Db, userId: string, target: PushTarget, now: number): Promise<string> {
  const id = await pushSubscriptionId(target.endpoint);
  const row = { userId, p256dh: target.p256dh, auth: target.auth, createdAt: now };
  await db
    .insert(pushSubscriptions)
    .values({ id, endpoint: target.endpoint, ...row })
    .onConflictDoUpdate({ target: pushSubscriptions.id, set: row });
  const beyond = await db
    .select({ id: pushSubscriptions.id })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId))
    .orderBy(desc(pushSubscriptions.createdAt))
    // One save adds one row at most: whatever lies beyond the bound is trimmed, a bound's worth at a time.
    .limit(MAX_SUBSCRIPTIONS_PER_USER)
    .offset(MAX_SUBSCRIPTIONS_PER_USER);
  await forgetSubscriptions(
    db,
    beyond.map((stale) => stale.id),
  );
  return id;
}

export async function removeSubscription(db: Db, userId: string, id: string): Promise<void> {
  await db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.id, id), eq(pushSubscriptions.userId, userId)));
}

export function userSubscriptions(db: Db, userId: string): Promise<StoredSubscription[]> {
  return db
    .select({
      id: pushSubscriptions.id,
      endpoint: pushSubscriptions.endpoint,
      p256dh: pushSubscriptions.p256dh,
      auth: pushSubscriptions.auth,
    })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId));
}

/** Subscriptions their push service called gone, or beyond a user's bound. */
export async function forgetSubscriptions(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(pushSubscriptions).where(inArray(pushSubscriptions.id, ids));
}

/** Signed out everywhere: none of the user's browsers is pushed to any more. How many there were. */
export async function forgetUserSubscriptions(db: Db, userId: string): Promise<number> {
  const forgotten = await db
    .delete(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId))
    .returning({ id: pushSubscriptions.id });
  return forgotten.length;
}
