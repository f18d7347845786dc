/**
 * `GET /js/telegram-web-app.js`: the stand-in's copy of telegram.org's script for Mini Apps (fakes/telegram/webapp/),
 * served to any origin as telegram.org serves it, since any site may be a Mini App.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { notFound } from '../errors.ts';
import { sendJson } from '../http.ts';

const SCRIPT = readFileSync(join(import.meta.dirname, '..', '..', 'webapp', 'telegram-web-app.js'));

export function serveWebAppScript(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 404, notFound().body());
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/javascript; charset=utf-8',
    'content-length': SCRIPT.length,
    'access-control-allow-origin': '*',
    'cross-origin-resource-policy': 'cross-origin',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : SCRIPT);
}
