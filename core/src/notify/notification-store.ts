/**
 * Core's notification data behind a port, so a channel never touches core's tables: the web banner's notices
 * (`notifications`, served by `GET /api/notifications`) and the addresses a user signs in with. Core implements it
 * over D1 (`d1-notification-store.ts`); the Worker entry hands it to `@vibecode/channels`' web/email channel.
 */
import type { Notification } from './notification.ts';

export interface NotificationStore {
  /** Keeps the notification for the user's web banner until dismissed, under the title the channel rendered. */
  keep(notification: Notification, title: string): Promise<void>;
  /** The user's sign-in addresses (every user has one): where a notification is mailed. */
  emailsOf(userId: string): Promise<string[]>;
}
