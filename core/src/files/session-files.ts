/**
 * A session's files, as the web's file routes (`routes.ts`) and the channels' `FileControl` (`channel-file-control.ts`)
 * both reach them: the size limit, the path rules, the owner's running session, its gateway's hub. Checks run cheapest
 * first (size, path, then D1, then the hub), so a refused transfer never reaches the gateway. Failures are ApiErrors
 * with the API's codes; each caller maps them once (HTTP answers, `ControlResult`s).
 */
import { FILE_MAX_BYTES } from '@vibecode/schemas';
import type { LogFields } from '@vibecode/schemas/log';
import type { Db } from '../db/client.ts';
import { ApiError } from '../http/api-error.ts';
import { gatewayForVps, hubStub, unwrapHub } from '../hub/hub-client.ts';
import { findOwnedSession } from '../ownership.ts';
import type { Download } from './download-relay.ts';
import { basename, parseFolderPath, parseRelativePath } from './file-path.ts';
import type { FolderListing } from './folder-relay.ts';
import type { UploadResult } from './upload-relay.ts';

/** Whose session, and where its correlation ids go (a route's request log). */
export interface SessionFilesTarget {
  env: Env;
  db: Db;
  userId: string;
  sessionId: string;
  note?: (fields: LogFields) => void;
}

/** `file.too_large` for a declared size over the limit, before a byte of the body is read. */
export function refuseTooLarge(size: number): void {
  if (size > FILE_MAX_BYTES) throw new ApiError(413, 'file.too_large', `files are limited to ${FILE_MAX_BYTES} bytes`);
}

/** The path as the routes take it (`?path=`); `file.path_invalid` otherwise. */
function checkedPath(raw: string | undefined, parse = parseRelativePath): string {
  const path = parse(raw);
  if (path === null) {
    throw new ApiError(400, 'file.path_invalid', 'path must be relative to the session workdir, without ..');
  }
  return path;
}

async function liveSessionHub(target: SessionFilesTarget, rawPath: string | undefined, parse = parseRelativePath) {
  const { env, db, note } = target;
  const session = await findOwnedSession(db, target.userId, target.sessionId);
  note?.({ session_id: session.id, vps_id: session.vpsId });
  const path = checkedPath(rawPath, parse);
  if (session.status !== 'running') throw new ApiError(409, 'session.not_running', 'the session is not running');
  const gateway = await gatewayForVps(db, session.vpsId);
  note?.({ gateway_id: gateway.id });
  return { session, path, hub: hubStub(env, gateway.id) };
}

/** Streams `body` (exactly `size` bytes; the caller checked `refuseTooLarge`) into the session's workdir at `rawPath`. */
export async function uploadToSession(
  target: SessionFilesTarget,
  rawPath: string | undefined,
  size: number,
  body: ReadableStream<Uint8Array>,
): Promise<UploadResult> {
  const { session, path, hub } = await liveSessionHub(target, rawPath);
  return unwrapHub(
    await hub.uploadFile({ sessionNumber: session.number, destPath: path, filename: basename(path), size }, body),
  );
}

/** The file at `rawPath` in the session's workdir, as a stream the gateway fills as it is read. */
export async function downloadFromSession(target: SessionFilesTarget, rawPath: string | undefined): Promise<Download> {
  const { session, path, hub } = await liveSessionHub(target, rawPath);
  return unwrapHub(await hub.downloadFile({ sessionNumber: session.number, path }));
}

/** The folder at `rawPath` (absent or empty: the workdir itself). */
export async function listSessionFolder(
  target: SessionFilesTarget,
  rawPath: string | undefined,
): Promise<FolderListing> {
  const { session, path, hub } = await liveSessionHub(target, rawPath, parseFolderPath);
  return unwrapHub(await hub.listFolder({ sessionNumber: session.number, path }));
}
