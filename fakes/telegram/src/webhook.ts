/**
 * The bot's webhook as Telegram keeps it (setWebhook / deleteWebhook / getWebhookInfo) and delivery of an update to
 * it: a JSON POST with `X-Telegram-Bot-Api-Secret-Token` when a secret was set. The stand-in delivers each update
 * once, when asked, and reports the webhook's HTTP status; it does not retry (Telegram would) — the caller decides.
 */
import type { Update, WebhookInfo } from 'grammy/types';
import { badRequest } from './errors.ts';
import type { Params } from './params.ts';

/** Telegram's default when `allowed_updates` is not set: everything except these. */
const NOT_DELIVERED_BY_DEFAULT = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);
const DEFAULT_MAX_CONNECTIONS = 40;
const MAX_SECRET_LENGTH = 256;
/** How long a delivery waits for the webhook to answer. */
export const DELIVERY_TIMEOUT_MS = 30_000;

export interface Delivery {
  delivered: boolean;
  /** The webhook's HTTP status, when it answered. */
  status?: number;
  /** Why it was not delivered. */
  reason?: 'no_webhook' | 'not_allowed' | 'unreachable';
}

export type WebhookChange = 'set' | 'already_set' | 'deleted' | 'already_deleted';

export class Webhook {
  private url = '';
  private secret = '';
  private allowedUpdates: string[] | undefined;
  private maxConnections = DEFAULT_MAX_CONNECTIONS;
  private lastError: { date: number; message: string } | undefined;

  /** setWebhook's parameters, validated with Telegram's errors. An empty url deletes the webhook. */
  set(p: Params): WebhookChange {
    const url = p.str('url');
    if (url === '') return this.delete();
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest('invalid webhook URL specified');
    }
    // Telegram insists on https and ports 443/80/88/8443; the stand-in takes any http(s) URL so local servers work.
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw badRequest('invalid webhook URL specified');
    const secret = p.str('secret_token');
    if (secret.length > MAX_SECRET_LENGTH) throw badRequest('secret token is too long');
    if (!/^[A-Za-z0-9_-]*$/.test(secret)) throw badRequest('secret token contains unallowed characters');
    const allowed = p.json('allowed_updates');
    const allowedUpdates =
      allowed &&
      allowed !== 'failed' &&
      Array.isArray(allowed.value) &&
      allowed.value.every((v) => typeof v === 'string')
        ? (allowed.value as string[])
        : this.allowedUpdates;
    const maxConnections = p.has('max_connections')
      ? Math.min(100, Math.max(1, p.int('max_connections') || DEFAULT_MAX_CONNECTIONS))
      : DEFAULT_MAX_CONNECTIONS;
    const unchanged =
      url === this.url &&
      secret === this.secret &&
      maxConnections === this.maxConnections &&
      !p.bool('drop_pending_updates');
    this.allowedUpdates = allowedUpdates;
    if (unchanged) return 'already_set';
    this.url = url;
    this.secret = secret;
    this.maxConnections = maxConnections;
    this.lastError = undefined;
    return 'set';
  }

  delete(): WebhookChange {
    if (this.url === '') return 'already_deleted';
    this.url = '';
    this.secret = '';
    this.allowedUpdates = undefined;
    this.maxConnections = DEFAULT_MAX_CONNECTIONS;
    this.lastError = undefined;
    return 'deleted';
  }

  info(): WebhookInfo {
    if (this.url === '') return { url: '', has_custom_certificate: false, pending_update_count: 0 };
    return {
      url: this.url,
      has_custom_certificate: false,
      pending_update_count: 0,
      max_connections: this.maxConnections,
      ...(this.allowedUpdates ? { allowed_updates: this.allowedUpdates } : {}),
      ...(this.lastError ? { last_error_date: this.lastError.date, last_error_message: this.lastError.message } : {}),
    } as WebhookInfo;
  }

  private allows(update: Update): boolean {
    const type = Object.keys(update).find((k) => k !== 'update_id');
    if (type === undefined) return true;
    if (this.allowedUpdates && this.allowedUpdates.length > 0) return this.allowedUpdates.includes(type);
    return !NOT_DELIVERED_BY_DEFAULT.has(type);
  }

  async deliver(update: Update): Promise<Delivery> {
    if (this.url === '') return { delivered: false, reason: 'no_webhook' };
    if (!this.allows(update)) return { delivered: false, reason: 'not_allowed' };
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.secret !== '') headers['x-telegram-bot-api-secret-token'] = this.secret;
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(update),
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      await res.arrayBuffer();
      if (res.status < 200 || res.status > 299) {
        this.lastError = {
          date: Math.floor(Date.now() / 1000),
          message: `Wrong response from the webhook: ${res.status} ${res.statusText}`.trim(),
        };
      }
      return { delivered: true, status: res.status };
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      this.lastError = {
        date: Math.floor(Date.now() / 1000),
        message: cause === 'ECONNREFUSED' ? 'Connection refused' : `Connection failed: ${String(err)}`,
      };
      return { delivered: false, reason: 'unreachable' };
    }
  }
}
