/**
 * The one browser notification for the items that appeared in one read of the feed while the tab was hidden:
 * one item names its session and opens it; several coalesce into "3 sessions need you", which opens the dashboard
 * and its list. Never one notification per item: sessions that change together would be a storm.
 */
import type { AttentionItem, AttentionState } from '@vibecode/schemas';
import { sessionPath } from './attention-words.ts';

export interface NotificationPlan {
  title: string;
  body: string;
  /** Where clicking it goes. */
  path: string;
}

const VERB: Record<AttentionState, string> = {
  needs_input: 'needs you',
  limited: 'hit a usage limit',
  done: 'finished',
};

/** Bounds the body of a coalesced notification: the names of the first few, then "and N more". */
const NAMED_AT_MOST = 3;

export function notificationFor(
  items: readonly AttentionItem[],
  title: (item: AttentionItem) => string,
): NotificationPlan | null {
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
