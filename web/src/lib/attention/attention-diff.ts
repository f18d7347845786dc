/**
 * What changed between two reads of the attention feed, and the counts the badges show. An item is one state
 * change of one session: a new question, limit or finish on the same session comes with another `since`, so it is
 * new again; the same item read twice is not.
 */
import type { AttentionItem } from '@vibecode/schemas';

type ItemIdentity = Pick<AttentionItem, 'session_id' | 'state' | 'since'>;

const itemKey = (item: ItemIdentity) => `${item.session_id} ${item.state} ${item.since}`;

/**
 * The items of `after` that `before` did not hold. The first read (`before` null) is what was already waiting when
 * the page opened, which the page itself shows: nothing in it is new.
 */
export function newItems<T extends ItemIdentity>(before: readonly ItemIdentity[] | null, after: readonly T[]): T[] {
  if (before === null) return [];
  const known = new Set(before.map(itemKey));
  return after.filter((item) => !known.has(itemKey(item)));
}

/** How many items each server has (a server card's badge). */
export function countByVps(items: readonly Pick<AttentionItem, 'vps_id'>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.vps_id, (counts.get(item.vps_id) ?? 0) + 1);
  return counts;
}

const COUNT_PREFIX = /^\(\d+\) /;

/** The page's title with "(n) " in front while n items wait, without one when none do; idempotent. */
export function titleWithCount(title: string, count: number): string {
  const bare = title.replace(COUNT_PREFIX, '');
  return count > 0 ? `(${count}) ${bare}` : bare;
}
