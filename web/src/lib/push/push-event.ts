/**
 * What the service worker does with a push and with a click on its notification, without the worker's globals so
 * every rule is tested in Node. A push shows the one notification its message describes, under the attention tag
 * (a newer one replaces it); a push that does not read as one still shows something, since a browser punishes a push
 * that shows nothing (`userVisibleOnly`). Every push also tells the app's open tabs to read the attention feed at
 * once, not at their next poll. A click opens only a path of this app.
 */
import { ATTENTION_NOTIFICATION_TAG, type PushMessage, validateApiResource } from '@vibecode/schemas';

export interface ShownNotification {
  title: string;
  options: { body: string; tag: string; data: { path: string } };
}

/** Shown for a push whose message cannot be read: the dashboard lists whatever it was about. */
const UNREADABLE: PushMessage = { title: 'A session needs you', body: 'Open VibeCode to see it.', path: '/dashboard' };

export function notificationOfPush(text: string | null): ShownNotification {
  const message = readMessage(text) ?? UNREADABLE;
  return {
    title: message.title,
    options: { body: message.body, tag: ATTENTION_NOTIFICATION_TAG, data: { path: message.path } },
  };
}

/** What the service worker posts to the app's open tabs after a push: the attention feed changed. */
export const FEED_CHANGED = { type: 'vibecode.attention-changed' } as const;

/** Whether a message from the service worker is `FEED_CHANGED` (anything else a tab ignores). */
export function isFeedChanged(data: unknown): boolean {
  return (data as { type?: unknown } | null)?.type === FEED_CHANGED.type;
}

/** Where a click on a notification goes: its path when it is one of this app's, else the dashboard. */
export function clickPath(data: unknown): string {
  const path = (data as { path?: unknown } | null)?.path;
  return typeof path === 'string' && /^\/(?![/\\])/.test(path) ? path : UNREADABLE.path;
}

function readMessage(text: string | null): PushMessage | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const checked = validateApiResource('PushMessage', value);
  return checked.ok ? checked.value : null;
}
