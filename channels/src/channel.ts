/**
 * The Channel contract: one way of reaching a user (web banner + email today, a Telegram topic later). Core emits
 * `Notification`s through the `Notifier` port; the registry (`registry.ts`) hands each one to every channel the
 * user has linked. A new channel implements this interface and is added at the Worker entry; core is untouched.
 */
import type { AnsweredNotices, Notification } from '@vibecode/core/ports';

export interface Channel {
  /** Short stable name for logs (`web-email`, `telegram`). */
  readonly name: string;
  /** Whether this user has linked this channel. */
  linked(userId: string): Promise<boolean>;
  /** Delivers one notification; throws on failure (the registry logs it and carries on with the others). */
  deliver(notification: Notification): Promise<void>;
  /**
   * Notices were answered (on the web or in any channel): a channel that shows them outside core's store (a chat
   * message with buttons) takes their actions back. The web banner has none: core's store is its notices. Throws on
   * failure, like `deliver`.
   */
  answered?(answered: AnsweredNotices): Promise<void>;
}
