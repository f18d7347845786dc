/**
 * The chat page, where a person plays the Telegram user with no Telegram account:
 *   GET  /                            the page (static files from `fakes/telegram/chat-page/`)
 *   GET  /_fake/chat/page/<file>      its scripts and styles
 *   GET  /_fake/chat/events?chat_id=  Server-Sent Events: snapshot, patch, answer (feed.ts)
 *   POST /_fake/chat/messages         {user, text?, file?, thread_id?, reply_to?} → {message, delivery}
 *   POST /_fake/chat/callback         {user, message_id, data} → {callback_query_id, delivery}
 *   POST /_fake/chat/webapp           {user, url, message_id?} → {init_data} for a Mini App button it shows
 *   GET  /_fake/chat/files/<file_id>  a file of the chat (a download; PNG/JPEG shown inline)
 * Sends go through the same delivery as `POST /_fake/updates` (the registered webhook, with the secret header) and
 * answer 200 with the delivery whatever it was, so the page can say why the bot did not get a message.
 * Only requests addressed to a loopback name are served, and POSTs only from the page's own origin: another site open
 * in the same browser cannot talk to the bot as the user (nor can a DNS-rebound name).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import type { Update } from 'grammy/types';
import { ControlError } from '../control.ts';
import { readBody, sendJson } from '../http.ts';
import type { FakeContext } from '../methods/index.ts';
import type { Delivery } from '../webhook.ts';
import { ChatFeed } from './feed.ts';
import { buttonPress, userMessage } from './user-updates.ts';
import { chatView } from './view.ts';
import { type WebAppOpening, webAppOpening } from './web-app-launch.ts';

const PAGE_DIR = join(import.meta.dirname, '..', '..', 'chat-page');
const ASSET_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
/** A page's request bodies are small JSON objects (files go to `POST /_fake/files`). */
const MAX_PAGE_BODY = 64 * 1024;
/**
 * The page runs only its own scripts and styles and talks only to this server; it frames Mini Apps, which Telegram
 * serves only from https (and the stand-in also from loopback http, see webapp/web-app-url.ts).
 */
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "frame-src https: http://127.0.0.1:* http://localhost:*; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'none'";
/** Images the page shows inline; every other file is a download, so a bot's HTML file never runs on this origin. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg']);

/** The page's files, read once at start: names never come from a request path. */
function loadAssets(): Map<string, { type: string; body: Buffer }> {
  const assets = new Map<string, { type: string; body: Buffer }>();
  for (const name of readdirSync(PAGE_DIR)) {
    const type = ASSET_TYPES[extname(name)];
    if (type) assets.set(name, { type, body: readFileSync(join(PAGE_DIR, name)) });
  }
  return assets;
}

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/;

const forbidden = (message: string) => new ControlError(403, 'fake.forbidden', message);
const bad = (message: string) => new ControlError(400, 'fake.bad_request', message);

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw bad('the body must be JSON');
  }
}

/** A path segment decoded, or '' (found nowhere) when it is not valid percent-encoding. */
function decodedOrEmpty(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

/** Telegram's callback query ids are opaque strings of digits. */
const newQueryId = () => (randomBytes(8).readBigUInt64BE() >> 1n).toString();

export interface ChatPageDeps {
  ctx: FakeContext;
  /** The stand-in's delivery: learns the update's chats, then POSTs it to the webhook. */
  deliver(update: Omit<Update, 'update_id'>): Promise<Delivery>;
  /** initData signed with the bot's token for a Mini App this person opens. */
  signWebApp(opening: WebAppOpening): string;
}

export function createChatPage(deps: ChatPageDeps) {
  const assets = loadAssets();
  const feed = new ChatFeed((chatId) => chatView(deps.ctx, chatId));

  /**
   * Only loopback names (any port: a forwarded port still says localhost), and POSTs only from the page's own origin.
   * A DNS-rebound name arrives with its own Host and is refused.
   */
  function guard(req: IncomingMessage): void {
    const host = req.headers.host ?? '';
    if (!LOOPBACK_HOST.test(host)) throw forbidden(`unexpected Host: ${host}`);
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) throw forbidden('cross-origin requests are refused');
    if (req.method === 'POST' && origin === undefined) throw forbidden('a POST must come from the chat page');
  }

  function serveAsset(res: ServerResponse, name: string): void {
    const asset = assets.get(name);
    if (!asset) throw new ControlError(404, 'fake.not_found', `no page file ${name}`);
    res.writeHead(200, {
      'content-type': asset.type,
      'content-length': asset.body.length,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(name === 'index.html' ? { 'content-security-policy': PAGE_CSP, 'referrer-policy': 'no-referrer' } : {}),
    });
    res.end(asset.body);
  }

  function serveFile(res: ServerResponse, fileId: string): void {
    const file = deps.ctx.files.get(fileId);
    if (!file) throw new ControlError(404, 'fake.not_found', 'no such file');
    const inline = INLINE_TYPES.has(file.mime_type);
    res.writeHead(200, {
      'content-type': inline ? file.mime_type : 'application/octet-stream',
      'content-length': file.file_size,
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.file_name)}`,
      'content-security-policy': "sandbox; default-src 'none'",
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    createReadStream(file.diskPath).pipe(res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    guard(req);
    const path = url.pathname;
    if (req.method === 'GET' && path === '/') return serveAsset(res, 'index.html');
    if (req.method === 'GET' && path.startsWith('/_fake/chat/page/')) {
      return serveAsset(res, path.slice('/_fake/chat/page/'.length));
    }
    if (req.method === 'GET' && path.startsWith('/_fake/chat/files/')) {
      return serveFile(res, decodedOrEmpty(path.slice('/_fake/chat/files/'.length)));
    }
    if (req.method === 'GET' && path === '/_fake/chat/events') {
      const chatId = Number(url.searchParams.get('chat_id'));
      if (!Number.isSafeInteger(chatId) || chatId <= 0) throw bad('chat_id must be a positive integer');
      return feed.subscribe(req, res, chatId);
    }
    if (req.method === 'POST' && path === '/_fake/chat/messages') {
      const body = parseJson(await readBody(req, MAX_PAGE_BODY));
      const { ctx } = deps;
      const update = userMessage(body, ctx.model, ctx.files, ctx.switches.topicsEnabled, Date.now());
      const delivery = await deps.deliver(update);
      return sendJson(res, 200, { message: update.message, delivery });
    }
    if (req.method === 'POST' && path === '/_fake/chat/callback') {
      const body = parseJson(await readBody(req, MAX_PAGE_BODY));
      const queryId = newQueryId();
      const press = buttonPress(body, deps.ctx.model, queryId);
      feed.pressed(queryId, press.chatId);
      const delivery = await deps.deliver(press.update);
      return sendJson(res, 200, { callback_query_id: queryId, delivery });
    }
    if (req.method === 'POST' && path === '/_fake/chat/webapp') {
      const body = parseJson(await readBody(req, MAX_PAGE_BODY));
      return sendJson(res, 200, { init_data: deps.signWebApp(webAppOpening(body, deps.ctx)) });
    }
    throw new ControlError(404, 'fake.not_found', `no chat page endpoint ${req.method} ${path}`);
  }

  return { handle, feed };
}
