/**
 * What a channel may do with the files of a user's session (a document sent in the session's Telegram topic, its
 * /get): the web's upload and download (`PUT|GET /api/sessions/:id/files`) with the same limit (FILE_MAX_BYTES), path
 * rules, ownership check and relay through the hub, and the same error codes, as values a chat can answer with.
 */
import type { ControlResult } from '../sessions/session-control.ts';

export interface FileToUpload {
  /** Where it lands: a path relative to the session's workdir, by the web's `?path=` rules (a plain name is fine). */
  name: string;
  /** Exactly the bytes `body` holds; refused (`file.too_large`) before a byte is read when over the limit. */
  size: number;
  /**
   * Read as fast as the gateway takes it, and not at all when core's own checks (size, path, owner, session state)
   * refuse the upload; cancelled whenever the upload does not complete.
   */
  body: ReadableStream<Uint8Array>;
}

export interface SavedFile {
  /** Relative to the session's workdir, as the gateway stored it. */
  path: string;
  size: number;
}

export interface FileDownload {
  /** The file's own name (its path's last segment). */
  name: string;
  size: number;
  /** Filled by the gateway as it is read: read it to the end or cancel it. */
  body: ReadableStream<Uint8Array>;
}

export interface FileControl {
  /**
   * Stores `file` in the session's workdir. A body that fails while it is read rejects the call with the body's own
   * failure: the caller knows its source, core does not.
   */
  upload(userId: string, sessionId: string, file: FileToUpload): Promise<ControlResult<SavedFile>>;
  /** The file at `path` (relative to the session's workdir), as a stream. */
  download(userId: string, sessionId: string, path: string): Promise<ControlResult<FileDownload>>;
}
