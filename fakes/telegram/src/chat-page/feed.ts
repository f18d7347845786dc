/**
 * The chat page's live view: a Server-Sent Events stream per open page. It starts with the whole chat (`snapshot`),
 * then sends what changed (`patch`, see view.ts) after any Bot API call or delivered update — coalesced, so a burst
 * of edits costs one diff per page — the bot's answer to a button the page pressed (`answer`: the toast or alert
 * Telegram would show), and its chat actions (`action`: "typing…").
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ControlError } from '../control.ts';
import { type ChatView, diffView } from './view.ts';

/** Open pages at once; one more is refused with 503 rather than growing without bound. */
export const MAX_VIEWERS = 32;
/** Button presses whose answers the feed still routes to their page; older ones are forgotten. */
const MAX_PENDING_PRESSES = 1000;
/** A comment line this often keeps proxies from closing an idle stream and lets a dead one be noticed. */
const HEARTBEAT_MS = 20_000;

interface Viewer {
  chatId: number;
  res: ServerResponse;
  last: ChatView;
}

export interface CallbackAnswer {
  callback_query_id: string;
  text?: string;
  show_alert?: boolean;
  url?: string;
}

const send = (res: ServerResponse, event: string, data: unknown) =>
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

export class ChatFeed {
  private readonly viewers = new Set<Viewer>();
  /** Pressed button's callback_query_id → the chat whose page pressed it. */
  private readonly presses = new Map<string, number>();
  private flushQueued = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly view: (chatId: number) => ChatView) {
    this.heartbeat = setInterval(() => {
      for (const viewer of this.viewers) viewer.res.write(': ping\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Starts an event stream for one chat. */
  subscribe(req: IncomingMessage, res: ServerResponse, chatId: number): void {
    if (this.viewers.size >= MAX_VIEWERS) {
      throw new ControlError(503, 'fake.too_many_viewers', `at most ${MAX_VIEWERS} chat pages can be open at once`);
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    const viewer: Viewer = { chatId, res, last: this.view(chatId) };
    send(res, 'snapshot', viewer.last);
    this.viewers.add(viewer);
    req.on('close', () => this.viewers.delete(viewer));
  }

  /** Something may have changed: every page gets its difference once the current burst of work is done. */
  changed(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => {
      this.flushQueued = false;
      for (const viewer of this.viewers) {
        const next = this.view(viewer.chatId);
        const patch = diffView(viewer.last, next);
        viewer.last = next;
        if (patch) send(viewer.res, 'patch', patch);
      }
    });
  }

  /** A page pressed a button: the bot's answerCallbackQuery for it goes to that chat's pages. */
  pressed(callbackQueryId: string, chatId: number): void {
    this.presses.set(callbackQueryId, chatId);
    if (this.presses.size > MAX_PENDING_PRESSES) this.presses.delete(this.presses.keys().next().value as string);
  }

  /** Called with every Bot API call the stand-in answered. */
  called(method: string, params: Record<string, unknown>, ok: boolean): void {
    const name = method.toLowerCase();
    if (ok && name === 'sendchataction') {
      // Telegram shows "typing…" and the like for 5 seconds, or until the bot's next message.
      const chatId = Number(params.chat_id);
      const action = { action: String(params.action), thread_id: Number(params.message_thread_id ?? 0) || 0 };
      for (const viewer of this.viewers) if (viewer.chatId === chatId) send(viewer.res, 'action', action);
    }
    if (ok && name === 'answercallbackquery') {
      const id = String(params.callback_query_id ?? '');
      const chatId = this.presses.get(id);
      if (chatId !== undefined) {
        this.presses.delete(id);
        const answer: CallbackAnswer = { callback_query_id: id };
        if (typeof params.text === 'string' && params.text !== '') answer.text = params.text;
        if (params.show_alert === true || params.show_alert === 'true') answer.show_alert = true;
        if (typeof params.url === 'string' && params.url !== '') answer.url = params.url;
        for (const viewer of this.viewers) if (viewer.chatId === chatId) send(viewer.res, 'answer', answer);
      }
    }
    this.changed();
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const viewer of this.viewers) viewer.res.end();
    this.viewers.clear();
  }
}
