/**
 * The browser's notifications, the feed's way out of a hidden tab. Permission is asked only from the user's own tap
 * ("Notify me"): browsers ignore or penalise a request made on load. A page notification where the page may make
 * one; where it may not (Android's Chrome allows them only from a service worker), the app's service worker shows
 * it, and its click is the worker's (`src/service-worker.ts`).
 */
import { ATTENTION_NOTIFICATION_TAG, type PushMessage } from '@vibecode/schemas';

export type Permission = NotificationPermission | 'unsupported';

export function notificationPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function requestNotifications(): Promise<Permission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** Shows `plan`; clicking it brings the tab forward and goes to its page through `open`. */
export function showNotification(
  plan: PushMessage,
  open: (path: string) => void,
  worker: ServiceWorkerRegistration | null,
): void {
  let shown: Notification;
  try {
    shown = new Notification(plan.title, { body: plan.body, tag: ATTENTION_NOTIFICATION_TAG });
  } catch {
    worker
      ?.showNotification(plan.title, { body: plan.body, tag: ATTENTION_NOTIFICATION_TAG, data: { path: plan.path } })
      .catch(() => {});
    return;
  }
  shown.onclick = () => {
    window.focus();
    open(plan.path);
    shown.close();
  };
}
