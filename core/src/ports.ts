/**
 * Core's ports, published as `@vibecode/core/ports`: what a notification channel (`@vibecode/channels`, and next
 * Telegram) builds on. Only types of core's own making, none of its tables, routes or Durable Object, so a channel
 * compiles and tests without core's runtime behind it:
 * - the events core emits and the port it emits them through (`Notification`, `NotificationKind`, `Notifier`, which
 *   the channels' registry implements);
 * - what a channel delivers with: core's `NotificationStore` (the web banner's notices, a user's addresses), its
 *   `EmailSender` and its structured `Logger`.
 */

export type { Logger } from '@vibecode/schemas/log';
export type { EmailSender } from './email/email-sender.ts';
export type { Notification, NotificationKind, Notifier } from './notify/notification.ts';
export type { NotificationStore } from './notify/notification-store.ts';
