/**
 * What the dashboard's Notifications card says for this browser, and the one thing it offers: from whether the
 * browser lets the app notify and whether it is subscribed to pushes (`browser-push.ts`).
 */
import type { Permission } from '../attention/notifier.ts';
import type { PushState } from './browser-push.ts';

export type NotifyAction = 'ask' | 'turn_on' | 'turn_off' | 'retry';

export interface NotifyCard {
  text: string;
  action: NotifyAction | null;
}

const TAB_ONLY = 'On while a VibeCode tab is open';

export function notifyCard(permission: Permission, push: PushState): NotifyCard {
  if (permission === 'unsupported') {
    return { text: 'This browser cannot show notifications. Connect Telegram to be told there.', action: null };
  }
  if (permission === 'denied') {
    return { text: "Notifications are blocked for this site in the browser's settings.", action: null };
  }
  if (permission === 'default') {
    return { text: 'Be told on this device when a session needs you, even with VibeCode closed.', action: 'ask' };
  }
  switch (push) {
    case 'on':
      return {
        text: 'On: this browser is told when a session needs you, even with VibeCode closed.',
        action: 'turn_off',
      };
    case 'off':
      return { text: `${TAB_ONLY}.`, action: 'turn_on' };
    case 'unsupported':
      return { text: `${TAB_ONLY}: this browser cannot be told while it is closed.`, action: null };
    case 'unavailable':
      return { text: `${TAB_ONLY}: this VibeCode server sends no push notifications.`, action: null };
    case 'failed':
      return { text: `${TAB_ONLY}: the browser's push service could not be reached.`, action: 'retry' };
  }
}
