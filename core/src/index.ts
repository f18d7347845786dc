/** What other packages may use from core. */

// For the notification channels (`@vibecode/channels`): the events, the port they implement, and what the web/email
// channel writes with.
export { type Db, openDb } from './db/client.ts';
export { emailIdentities, notifications } from './db/schema.ts';
export type { EmailMessage, EmailSender } from './email/email-sender.ts';
export { ApiError } from './http/api-error.ts';
export { createLogger, type LogFields, type Logger } from './log.ts';
export {
  type Notification,
  type NotificationAction,
  type NotificationKind,
  type Notifier,
  notificationKinds,
} from './notify/notification.ts';
