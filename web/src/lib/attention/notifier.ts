/**
 * The browser's Notification API, the feed's only way out of a hidden tab. Permission is asked only from the
 * user's own tap ("Notify me"): browsers ignore or penalise a request made on load. Where the page cannot construct
 * a notification (Android's Chrome allows them only from a service worker, which this app has none of), nothing
 * shows: the phone's surface for attention is Telegram.
 */
import type { NotificationPlan } from './notification-plan.ts';

export type Permission = NotificationPermission | 'unsupported';

/** One tag for every attention notification: a newer one replaces the last instead of piling up. */
const TAG = 'vibecode-attention';

export function notificationPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function requestNotifications(): Promise<Permission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** Shows `plan`; clicking it brings the tab forward and goes to its page through `open`. */
export function showNotification(plan: NotificationPlan, open: (path: string) => void): void {
  let shown: Notification;
  try {
    shown = new Notification(plan.title, { body: plan.body, tag: TAG });
  } catch {
    return;
  }
  shown.onclick = () => {
    window.focus();
    open(plan.path);
    shown.close();
  };
}
