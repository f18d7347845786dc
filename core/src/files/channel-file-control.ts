/**
 * Core's `FileControl` for the channels: the web's file routes' checks and relay (`session-files.ts`) for a user id
 * instead of a signed-in request, errors as values. The body reaches the hub guarded (`guarded-body.ts`) and is
 * released whatever happens, so a refused upload cancels a channel's lazy source (the bot's download from Telegram)
 * unread, and a source that fails rejects the call with its own error once the gateway dropped the upload.
 */

import { asControlResult } from '../control-result.ts';
import type { Db } from '../db/client.ts';
import { ApiError } from '../http/api-error.ts';
import type { FileControl } from './file-control.ts';
import { guardedBody } from './guarded-body.ts';
import { downloadFromSession, refuseTooLarge, uploadToSession } from './session-files.ts';

export function channelFileControl(env: Env, db: Db): FileControl {
  const target = (userId: string, sessionId: string) => ({ env, db, userId, sessionId });

  return {
    async upload(userId, sessionId, file) {
      const source = guardedBody(file.body);
      try {
        const result = await asControlResult(async () => {
          if (!Number.isSafeInteger(file.size) || file.size < 0) {
            throw new ApiError(411, 'file.length_required', 'an upload needs its size in bytes');
          }
          refuseTooLarge(file.size);
          const done = await uploadToSession(target(userId, sessionId), file.name, file.size, source.body);
          return { path: done.path, size: done.size };
        });
        const failure = source.failure();
        if (failure !== null) throw failure.error;
        return result;
      } finally {
        source.release();
      }
    },

    download: (userId, sessionId, path) =>
      asControlResult(async () => {
        const download = await downloadFromSession(target(userId, sessionId), path);
        return { name: download.filename, size: download.size, body: download.body };
      }),
  };
}
