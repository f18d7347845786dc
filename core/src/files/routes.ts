/**
 * File relay: `PUT /api/sessions/:id/files?path=` streams the raw body to the gateway through the hub;
 * `GET` streams a file back. The size limit is checked from Content-Length before a byte of the body is read,
 * and neither direction ever holds the whole file. `GET /api/sessions/:id/folder?path=` lists a folder.
 */
import { type ApiResponse, FILE_MAX_BYTES } from '@vibecode/schemas';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import { openDb } from '../db/client.ts';
import { ApiError } from '../http/api-error.ts';
import { addLogFields } from '../http/log-fields.ts';
import { sameOrigin } from '../http/same-origin.ts';
import { gatewayForVps, hubStub, unwrapHub } from '../hub/hub-client.ts';
import { findOwnedSession } from '../ownership.ts';
import { attachmentDisposition, basename, parseFolderPath, parseRelativePath } from './file-path.ts';

async function liveSessionHub(c: Context<AppEnv>, parsePath = parseRelativePath) {
  const db = openDb(c.env.DB);
  const session = await findOwnedSession(db, c.get('user').id, c.req.param('id') ?? '');
  addLogFields(c, { session_id: session.id, vps_id: session.vpsId });
  const path = parsePath(c.req.query('path'));
  if (path === null) {
    throw new ApiError(400, 'file.path_invalid', 'path must be relative to the session workdir, without ..');
  }
  if (session.status !== 'running') throw new ApiError(409, 'session.not_running', 'the session is not running');
  const gateway = await gatewayForVps(db, session.vpsId);
  addLogFields(c, { gateway_id: gateway.id });
  return { session, path, hub: hubStub(c.env, gateway.id) };
}

function declaredLength(c: Context<AppEnv>): number {
  const raw = c.req.header('content-length');
  if (raw === undefined || !/^\d{1,12}$/.test(raw)) {
    throw new ApiError(411, 'file.length_required', 'uploads need a Content-Length');
  }
  const size = Number(raw);
  if (size > FILE_MAX_BYTES) throw new ApiError(413, 'file.too_large', `files are limited to ${FILE_MAX_BYTES} bytes`);
  return size;
}

export const fileRoutes = new Hono<AppEnv>()
  .put('/api/sessions/:id/files', sameOrigin({ json: false }), requireUser, async (c) => {
    const size = declaredLength(c);
    const { session, path, hub } = await liveSessionHub(c);
    const body = c.req.raw.body ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
    const done = unwrapHub(
      await hub.uploadFile({ sessionNumber: session.number, destPath: path, filename: basename(path), size }, body),
    );
    return c.json(
      { path: done.path, size: done.size, sha256: done.sha256 } satisfies ApiResponse<'PUT /api/sessions/:id/files'>,
      201,
    );
  })
  .get('/api/sessions/:id/files', requireUser, async (c) => {
    const { session, path, hub } = await liveSessionHub(c);
    const download = unwrapHub(await hub.downloadFile({ sessionNumber: session.number, path }));
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
    const { session, path, hub } = await liveSessionHub(c, parseFolderPath);
    const listing = unwrapHub(await hub.listFolder({ sessionNumber: session.number, path }));
    return c.json(listing satisfies ApiResponse<'GET /api/sessions/:id/folder'>);
  });
