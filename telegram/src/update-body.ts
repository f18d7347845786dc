/**
 * What the webhook accepts as an update: a JSON object with an integer `update_id` ≥ 0, at most 1 MiB. The rest of
 * the Update is grammY's to read: unknown kinds are passed over, so a newer Bot API never breaks the webhook. An update
 * must also fit one Queue message (128 KB with the Queue's ~100 bytes of metadata): Telegram's largest real updates
 * (a 4096-character message with its entities and the message it replies to) are far below that.
 */
import type { Update } from 'grammy/types';

export const MAX_UPDATE_BYTES = 1024 * 1024;
export const MAX_QUEUED_UPDATE_BYTES = 127_000;

export type ParsedUpdate = { ok: true; update: Update } | { ok: false; message: string };

const bad = (message: string): ParsedUpdate => ({ ok: false, message });

/** An update's own shape, for the webhook's body and again for a Queue message's body. */
export function checkUpdate(value: unknown): ParsedUpdate {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('an update is a JSON object');
  const updateId = (value as { update_id?: unknown }).update_id;
  if (typeof updateId !== 'number' || !Number.isSafeInteger(updateId) || updateId < 0) {
    return bad('update_id must be an integer ≥ 0');
  }
  return { ok: true, update: value as Update };
}

/** The webhook's body, already bounded to `MAX_UPDATE_BYTES`, as an update small enough to queue. */
export function parseUpdateBody(text: string): ParsedUpdate {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return bad('the body is not JSON');
  }
  const checked = checkUpdate(value);
  if (!checked.ok) return checked;
  if (new TextEncoder().encode(JSON.stringify(value)).byteLength > MAX_QUEUED_UPDATE_BYTES) {
    return bad(`the update is larger than a queue message (${MAX_QUEUED_UPDATE_BYTES} bytes)`);
  }
  return checked;
}
