/**
 * The one notification for the attention items that appeared together — in one read of the feed by a hidden tab, or
 * in one Web Push: one item names its session and opens it; several coalesce into "3 sessions need you", which opens
 * the dashboard and its list. Never one notification per item: sessions that change together would be a storm. Shared
 * by the web (its own notifications) and core (the push payload), so both say the same.
 */
import type { AttentionItem, AttentionState, PushMessage } from './generated/api-types.ts';

/** Every attention notification has this tag: a newer one replaces the last instead of piling up. */
export const ATTENTION_NOTIFICATION_TAG = 'vibecode-attention';

const VERB: Record<AttentionState, string> = {
  needs_input: 'needs you',
  limited: 'hit a usage limit',
  done: 'finished',
};

/** Bounds the body of a coalesced notification: the names of the first few, then "and N more". */
const NAMED_AT_MOST = 3;

/** The page of the item's session. */
export function sessionPath(item: Pick<AttentionItem, 'vps_id' | 'session_id'>): string {
  return `/vps/${encodeURIComponent(item.vps_id)}/sessions/${encodeURIComponent(item.session_id)}`;
}

export function attentionNotification<Item extends Pick<AttentionItem, 'vps_id' | 'session_id' | 'state' | 'detail'>>(
  items: readonly Item[],
  title: (item: Item) => string,
): PushMessage | null {
  const [first] = items;
  if (!first) return null;
  if (items.length === 1) {
    return { title: `${title(first)} ${VERB[first.state]}`, body: first.detail, path: sessionPath(first) };
  }
  const named = items.slice(0, NAMED_AT_MOST).map(title).join(', ');
  const rest = items.length - NAMED_AT_MOST;
  return {
    title: `${items.length} sessions need you`,
    body: rest > 0 ? `${named} and ${rest} more` : named,
    path: '/dashboard',
  };
}
