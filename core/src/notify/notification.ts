/**
 * The domain events core hands to the notification channels. Core only says what happened to which VPS of which
 * user; how it reads (a banner, an email, a Telegram message) and which of the user's channels get it is the
 * channels' business (`@vibecode/channels`), wired in at the Worker entry.
 */
import type { NoticeAction, NoticeKind } from '@vibecode/schemas';

/** The kinds are the API's (schemas/api/notice-kind.json): a banner can show every event core emits. */
export type NotificationKind = NoticeKind;

/** What the user can do about it; channels render these as buttons or links. */
export type NotificationAction = NoticeAction;

export interface Notification {
  /** Unique per event; channels may use it to deduplicate. */
  id: string;
  kind: NotificationKind;
  userId: string;
  vpsId: string;
  vpsName: string;
  /** When it happened (epoch ms): idle since / offline since / the provisioning deadline / asked since / unattended since. */
  since: number;
  actions: NotificationAction[];
  /** The sessions it is about (`session.waiting`: those of the server waiting at once), titles and questions. */
  sessions?: WaitingSession[];
}

export interface WaitingSession {
  id: string;
  title: string;
  detail: string;
}

/** How a notice was answered, wherever it was (the web, a chat): what a channel tells the user was done. */
export type NoticeAnswer = 'powered_off' | 'kept_running' | 'retried' | 'dismissed';

/** Notices core marked answered: every channel that showed one of `ids` stops offering its actions. */
export interface AnsweredNotices {
  /** The notifications' ids (`Notification.id`): one per notice the answer closed. */
  ids: string[];
  userId: string;
  vpsId: string;
  kind: NotificationKind;
  answer: NoticeAnswer;
}

/** The port core emits through; `@vibecode/channels`' registry implements it. Never throws for a channel's failure. */
export interface Notifier {
  notify(notification: Notification): Promise<void>;
  /** Notices were answered (on the web or in a channel): a channel still offering their actions takes them back. */
  answered(answered: AnsweredNotices): Promise<void>;
}

const actionsByKind: Record<NotificationKind, NotificationAction[]> = {
  'vps.idle': ['power_off', 'keep_running'],
  'vps.offline': ['open_vps'],
  'vps.provisioning_timeout': ['retry', 'open_console'],
  'session.waiting': [],
  'vps.auto_powered_off': ['open_vps'],
};

export function notification(
  kind: NotificationKind,
  target: { userId: string; vpsId: string; vpsName: string; sessions?: WaitingSession[] },
  since: number,
): Notification {
  return { id: crypto.randomUUID(), kind, ...target, since, actions: actionsByKind[kind] };
}
