/** What the bot needs from core, handed over by the Worker entry (core's `channelPorts` has them all). */
import type {
  FileControl,
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
};
