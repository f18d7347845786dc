/**
 * File relay: `PUT /api/sessions/:id/files?path=` streams the raw body to the gateway through the hub;
 * `GET` streams a file back. The size limit is checked from Content-Length before a byte of the body is read,
 * and neither direction ever holds the whole file. `GET /api/sessions/:id/folder?path=` lists a folder.
 */
import type { ApiResponse } from '@vibecode/schemas';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import { openDb } from '../db/client.ts';
import { ApiError } from '../http/api-error.ts';
import { addLogFields } from '../http/log-fields.ts';
import { sameOrigin } from '../http/same-origin.ts';
import { attachmentDisposition } from './file-path.ts';
import {
  downloadFromSession,
  listSessionFolder,
  refuseTooLarge,
  type SessionFilesTarget,
  uploadToSession,
} from './session-files.ts';

function filesOf(c: Context<AppEnv>): SessionFilesTarget {
  return {
    env: c.env,
    db: openDb(c.env.DB),
    userId: c.get('user').id,
    sessionId: c.req.param('id') ?? '',
    note: (fields) => addLogFields(c, fields),
  };
}

function declaredLength(c: Context<AppEnv>): number {
  const raw = c.req.header('content-length');
  if (raw === undefined || !/^\d{1,12}$/.test(raw)) {
    throw new ApiError(411, 'file.length_required', 'uploads need a Content-Length');
  }
  const size = Number(raw);
  refuseTooLarge(size);
  return size;
}

export const fileRoutes = new Hono<AppEnv>()
  .put('/api/sessions/:id/files', sameOrigin({ json: false }), requireUser, async (c) => {
    const size = declaredLength(c);
    const body = c.req.raw.body ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
    const done = await uploadToSession(filesOf(c), c.req.query('path'), size, body);
    return c.json(
      { path: done.path, size: done.size, sha256: done.sha256 } satisfies ApiResponse<'PUT /api/sessions/:id/files'>,
      201,
    );
  })
  .get('/api/sessions/:id/files', requireUser, async (c) => {
    const download = await downloadFromSession(filesOf(c), c.req.query('path'));
    const { readable, writable } = new FixedLengthStream(download.size);
    c.executionCtx.waitUntil(download.body.pipeTo(writable).catch(() => undefined));
    return new Response(readable, {
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(download.size),
        'Content-Disposition': attachmentDisposition(download.filename),
        'X-Content-Type-Options': 'nosniff',
      },
    });
  })
  .get('/api/sessions/:id/folder', requireUser, async (c) => {
    const listing = await listSessionFolder(filesOf(c), c.req.query('path'));
    return c.json(listing satisfies ApiResponse<'GET /api/sessions/:id/folder'>);
  });
