/**
 * `startFakeTelegram`: one HTTP server on 127.0.0.1 speaking the Bot API's wire format — `GET|POST
 * /bot<token>/<method>` with JSON, form or multipart parameters, `{ok:true,result}` or
 * `{ok:false,error_code,description,parameters?}` — plus the file download path `/file/bot<token>/<file_path>` and
 * the test-only control path `/_fake/*`, the chat page at `/` where a person plays the Telegram user
 * (chat-page/routes.ts), and what telegram.org serves a Mini App: `/js/telegram-web-app.js` (webapp/script.ts). Options are validated here, once; nothing below reads the environment.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Update, User } from 'grammy/types';
import { CallLog, type RecordedCall } from './call-log.ts';
import { ChatModel } from './chat-model.ts';
import { createChatPage } from './chat-page/routes.ts';
import { ControlError, createControlHandler } from './control.ts';
import { BotApiError, type ErrorBody, notFound, tooManyRequests, unauthorized } from './errors.ts';
import { FileStore } from './file-store.ts';
import { readBody, sendJson } from './http.ts';
import { Described, type FakeContext, findMethod } from './methods/index.ts';
import { readParams } from './params.ts';
import { Switches, type SwitchValues } from './switches.ts';
import { fillUpdate } from './update-fill.ts';
import { signInitData } from './webapp/init-data.ts';
import { serveWebAppScript } from './webapp/script.ts';
import { type Delivery, Webhook } from './webhook.ts';

export interface FakeTelegramOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The bot token the stand-in accepts, `<bot id>:<secret>` like a real one; any other token gets 401. */
  token: string;
  username?: string;
  /** Where uploaded files are written (nothing is written elsewhere). Default: a temporary folder removed on close. */
  dataDir?: string;
}

export interface FakeTelegram {
  /** Base URL, e.g. `http://127.0.0.1:8791` — grammY's `client.apiRoot`. */
  url: string;
  port: number;
  /** Where uploaded files are written. */
  dataDir: string;
  /** Every Bot API call received so far, in order (the newest 10,000). */
  calls(): RecordedCall[];
  /**
   * Delivers an update to the webhook exactly as Telegram would, after learning its chats; a missing `update_id` and
   * the `bot_command` entities of a text message are filled in as Telegram's servers would.
   */
  deliver(update: Update | Omit<Update, 'update_id'>): Promise<Delivery>;
  switches: { get(): SwitchValues; set(patch: Partial<SwitchValues>): SwitchValues };
  /**
   * The Ed25519 public key (hex, 32 bytes) of the key the stand-in signs Mini App initData's `signature` with — the
   * stand-in's stand-in for Telegram's published keys.
   */
  webAppPublicKey: string;
  close(): Promise<void>;
}

interface OkBody {
  ok: true;
  result: unknown;
  description?: string;
}

const TOKEN = /^(\d{1,20}):[A-Za-z0-9_-]{1,200}$/;
const HOST = '127.0.0.1';

export async function startFakeTelegram(options: FakeTelegramOptions): Promise<FakeTelegram> {
  const tokenMatch = TOKEN.exec(options.token ?? '');
  if (!tokenMatch) throw new Error('fake-telegram: token must look like a bot token, "<bot id>:<secret>"');
  const token = options.token;
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = ownsDataDir ? mkdtempSync(join(tmpdir(), 'fake-telegram-')) : resolve(options.dataDir as string);
  mkdirSync(dataDir, { recursive: true });

  const username = options.username ?? 'vibecode_local_bot';
  const bot: User = { id: Number(tokenMatch[1]), is_bot: true, first_name: 'VibeCode (local)', username };
  const ctx: FakeContext = {
    me: {
      ...bot,
      is_bot: true,
      username,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    },
    model: new ChatModel(bot),
    switches: new Switches(),
    webhook: new Webhook(),
    files: new FileStore(dataDir),
    commands: new Map(),
    menuButtons: new Map(),
  };
  const calls = new CallLog();
  let lastUpdateId = 0;

  async function deliver(input: Update | Omit<Update, 'update_id'>): Promise<Delivery> {
    const update = fillUpdate(input, lastUpdateId);
    lastUpdateId = Math.max(lastUpdateId, update.update_id);
    ctx.model.learn(update);
    page.feed.changed();
    const delivery = await ctx.webhook.deliver(update);
    // The webhook's last error changed (or cleared): the page shows it.
    page.feed.changed();
    return delivery;
  }

  const webAppKey = generateKeyPairSync('ed25519');
  const page = createChatPage({
    ctx,
    deliver,
    signWebApp: ({ user, launch }) =>
      signInitData({
        token,
        botId: bot.id,
        key: webAppKey.privateKey,
        user,
        launch,
        authDate: Math.floor(Date.now() / 1000),
      }),
  });

  const control = createControlHandler({
    calls,
    model: ctx.model,
    files: ctx.files,
    switches: ctx.switches,
    deliver,
  });

  async function botApi(req: IncomingMessage, res: ServerResponse, url: URL, m: RegExpExecArray): Promise<void> {
    const [, callToken, method = ''] = m;
    let params: Record<string, unknown> = {};
    const answer = (status: number, body: OkBody | ErrorBody) => {
      calls.add({ method, params, result: body.ok ? body.result : body, at: Date.now() });
      page.feed.called(method, params, body.ok);
      sendJson(res, status, body);
    };
    try {
      if (callToken !== token) throw unauthorized();
      const parsed = readParams(req, url, await readBody(req));
      params = parsed.recorded;
      const handler = findMethod(method);
      if (!handler) throw notFound();
      const retryAfter = ctx.switches.takeRateLimit();
      if (retryAfter !== undefined) throw tooManyRequests(retryAfter);
      const result = await handler(ctx, parsed);
      answer(
        200,
        result instanceof Described
          ? { ok: true, result: result.result, description: result.description }
          : { ok: true, result },
      );
    } catch (err) {
      if (!(err instanceof BotApiError)) throw err;
      answer(err.status, err.body());
    }
  }

  function download(req: IncomingMessage, res: ServerResponse, m: RegExpExecArray): void {
    const [, callToken, filePath = ''] = m;
    if (callToken !== token) throw unauthorized();
    const file = req.method === 'GET' || req.method === 'HEAD' ? ctx.files.atPath(filePath) : undefined;
    if (!file) throw notFound();
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.file_size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file.diskPath).pipe(res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const api = /^\/bot([^/]*)\/([^/]*)$/.exec(url.pathname);
    if (api) return botApi(req, res, url, api);
    const file = /^\/file\/bot([^/]*)\/(.+)$/.exec(url.pathname);
    if (file) return download(req, res, file);
    if (url.pathname === '/js/telegram-web-app.js') return serveWebAppScript(req, res);
    if (url.pathname === '/' || url.pathname.startsWith('/_fake/chat/')) return page.handle(req, res, url);
    if (url.pathname.startsWith('/_fake/')) {
      await control(req, res, url, await readBody(req));
      // Switches and reset change what the chat page shows.
      return page.feed.changed();
    }
    sendJson(res, 404, notFound().body());
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof ControlError)
        return sendJson(res, err.status, { error: { code: err.code, message: err.message } });
      if (err instanceof BotApiError) return sendJson(res, err.status, err.body());
      process.stderr.write(`fake-telegram: ${req.method} ${redactedPath(req)} failed: ${String(err)}\n`);
      sendJson(res, 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    });
  });
  // Logs never show the token.
  const redactedPath = (req: IncomingMessage) => req.url?.split('?')[0]?.replace(/\/bot[^/]*/, '/bot<token>');
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, HOST, () => ok());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${HOST}:${port}`,
    port,
    dataDir,
    calls: () => calls.all(),
    deliver,
    switches: { get: () => ctx.switches.get(), set: (patch) => ctx.switches.set(patch) },
    // The raw key is the last 32 bytes of its SPKI DER encoding.
    webAppPublicKey: webAppKey.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex'),
    async close() {
      page.feed.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
