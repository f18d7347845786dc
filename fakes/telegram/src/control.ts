/**
 * The test-only control path, `/_fake/*`. Telegram has nothing like it; only tests and `npm start`'s tooling call it,
 * never the bot under test:
 *   GET  /_fake/calls              → [{method, params, result, at}] every Bot API call, in order
 *   POST /_fake/updates  {Update}  → {delivered:true, status} | 409 {delivered:false} without a webhook
 *   GET|POST /_fake/switches       → the switches; POST takes a partial {rateLimit, topicsEnabled, topicCallsFail}
 *   POST /_fake/files?name=…  raw  → 201 {file_id, file_unique_id, file_size, file_name, mime_type}
 *   POST /_fake/reset              → 204; forgets calls, chats and callback queries (keeps webhook, switches, files)
 * Errors: `{error:{code, message}}` with codes `fake.bad_request` and `fake.not_found`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Update } from 'grammy/types';
import type { CallLog } from './call-log.ts';
import type { ChatModel } from './chat-model.ts';
import type { FileStore } from './file-store.ts';
import { sendJson } from './http.ts';
import { SwitchError, type Switches } from './switches.ts';
import type { Delivery } from './webhook.ts';

export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const badRequest = (message: string) => new ControlError(400, 'fake.bad_request', message);

function parseObject(body: Buffer, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest(`${what} must be JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest(`${what} must be a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

export interface ControlDeps {
  calls: CallLog;
  model: ChatModel;
  files: FileStore;
  switches: Switches;
  /** Learns the update's chats and delivers it to the webhook. */
  deliver(update: Update): Promise<Delivery>;
}

export function createControlHandler(deps: ControlDeps) {
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /_fake/calls') return sendJson(res, 200, deps.calls.all());
    if (route === 'POST /_fake/updates') {
      const update = parseObject(body, 'an update');
      const id = update.update_id;
      if (id !== undefined && (typeof id !== 'number' || !Number.isInteger(id) || id < 0)) {
        throw badRequest('update_id must be an integer >= 0');
      }
      const delivery = await deps.deliver(update as unknown as Update);
      if (delivery.reason === 'no_webhook') return sendJson(res, 409, { delivered: false });
      if (delivery.reason === 'unreachable') return sendJson(res, 502, { delivered: false, reason: delivery.reason });
      return sendJson(res, 200, delivery);
    }
    if (route === 'GET /_fake/switches') return sendJson(res, 200, deps.switches.get());
    if (route === 'POST /_fake/switches') {
      try {
        return sendJson(res, 200, deps.switches.set(parseObject(body, 'switches')));
      } catch (err) {
        if (err instanceof SwitchError) throw badRequest(err.message);
        throw err;
      }
    }
    if (route === 'POST /_fake/files') {
      const name = url.searchParams.get('name') || 'file';
      const file = deps.files.save(body, name, req.headers['content-type']);
      const { file_id, file_unique_id, file_size, file_name, mime_type } = file;
      return sendJson(res, 201, { file_id, file_unique_id, file_size, file_name, mime_type });
    }
    if (route === 'POST /_fake/reset') {
      deps.calls.clear();
      deps.model.reset();
      res.writeHead(204);
      res.end();
      return;
    }
    throw new ControlError(404, 'fake.not_found', `no control endpoint ${route}`);
  };
}
