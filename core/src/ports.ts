/**
 * Core's ports, published as `@vibecode/core/ports`: what a channel (`@vibecode/channels`, `@vibecode/telegram`)
 * builds on. Only types of core's own making, none of its tables, routes or Durable Object, so a channel compiles
 * and tests without core's runtime behind it:
 * - the events core emits and the port it emits them through (`Notification`, `NotificationKind`, `Notifier`, which
 *   the channels' registry implements);
 * - what a channel delivers with: core's `NotificationStore` (the web banner's notices, a user's addresses), its
 *   `EmailSender` and its structured `Logger`;
 * - what a channel's own routes and chats need from core: `RequestChecks` (the signed-in user of a request and
 *   whether it is same origin, by core's own rules), `UserDirectory` (a user's address by id), `SessionControl`
 *   (create, list, input, answer, continue-at-reset, redraw and end for a user's own sessions), `FileControl`
 *   (upload into and download from their workdirs), `ServerControl` (list, power, SSH keys) and `MiniAppSessions`
 *   (a web session for a user a Telegram Mini App's launch data vouched for);
 * - the session surfaces a channel shows sessions on (`SessionSurfaces`, which the channels' surface registry
 *   implements and the hub calls: `opened`, `render`, `quiet`, `attention`, `attentionCleared`, `ended`).
 * The Worker entry builds them all with `channelPorts` (`@vibecode/core`).
 */

export type { Logger } from '@vibecode/schemas/log';
export type { MiniAppSession, MiniAppSessions } from './auth/miniapp-session.ts';
export type { RequestChecks } from './auth/request-checks.ts';
export type { RequestUser } from './auth/request-user.ts';
export type { UserDirectory } from './auth/user-directory.ts';
export type { EmailSender } from './email/email-sender.ts';
export type { FileControl, FileDownload, FileToUpload, SavedFile } from './files/file-control.ts';
export type { NoticeControl, NoticeReply } from './notify/notice-replies.ts';
export type {
  AnsweredNotices,
  NoticeAnswer,
  Notification,
  NotificationKind,
  Notifier,
} from './notify/notification.ts';
export type { NotificationStore } from './notify/notification-store.ts';
export type {
  ControlError,
  ControlResult,
  NewSessionRequest,
  OwnedSession,
  PromptReply,
  SessionControl,
} from './sessions/session-control.ts';
export type {
  AttentionCleared,
  BoundSession,
  RenderOptions,
  RenderOutcome,
  Screen,
  SessionAttention,
  SessionSummary,
  SessionSurfaces,
  SurfaceBinding,
} from './sessions/surfaces.ts';
export type { ServerControl, ServerSummary } from './vps/server-control.ts';
