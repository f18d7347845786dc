/** What the bot needs from core, handed over by the Worker entry (core's `channelPorts` has them all). */
import type {
  FileControl,
  MiniAppSessions,
  NoticeControl,
  RequestChecks,
  ServerControl,
  SessionControl,
  UserDirectory,
} from '@vibecode/core/ports';

export type TelegramPorts = {
  users: UserDirectory;
  requests: RequestChecks;
  sessions: SessionControl;
  files: FileControl;
  servers: ServerControl;
  notices: NoticeControl;
  /** A web session for the user a Mini App's initData vouched for (`POST /api/miniapp/auth`). */
  miniAppSessions: MiniAppSessions;
  /** The web app's public origin (`PUBLIC_URL`): the Mini App's buttons open pages under it; null without one. */
  appUrl: string | null;
};
