/**
 * Turns a received text frame into a typed message, or a typed error saying why not. Every WebSocket
 * boundary (hub, gateway, browser) goes through here, so validation happens exactly once per hop.
 */

import type { MessageByType, MessageType, ProtocolMessage } from './generated/types.ts';
import { senderByType, validatorByType } from './generated/validator-map.ts';
import { MAX_TEXT_FRAME_BYTES } from './limits.ts';
import type { ProtocolError } from './protocol-error.ts';
import { err, ok, type Result } from './result.ts';

export type Sender = (typeof senderByType)[MessageType];

/** UTF-8 byte length without allocating; stops counting once past `limit`. */
function utf8LengthExceeds(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (bytes > limit) return true;
  }
  return false;
}

export function isMessageType(value: unknown): value is MessageType {
  return typeof value === 'string' && Object.hasOwn(validatorByType, value);
}

/** Checks an already-parsed value against its message schema. */
export function validateMessage(value: unknown): Result<ProtocolMessage, ProtocolError> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return err({ code: 'protocol.schema', message: 'a message must be a JSON object', path: '' });
  }
  const type = (value as { type?: unknown }).type;
  if (!isMessageType(type)) {
    return err({
      code: 'protocol.unknown_type',
      message:
        typeof type === 'string' ? `unknown message type ${JSON.stringify(type.slice(0, 64))}` : 'missing "type"',
      path: '/type',
    });
  }
  const validate = validatorByType[type];
  if (validate(value)) return ok(value as ProtocolMessage);
  const first = validate.errors?.[0];
  const path = first?.instancePath ?? '';
  return err({
    code: 'protocol.schema',
    message: `${type}: ${path || 'message'} ${first?.message ?? 'is invalid'}`,
    path,
  });
}

/** Parses and validates one text frame. Frames over 1 MiB are refused before JSON.parse sees them. */
export function parseTextFrame(text: string): Result<ProtocolMessage, ProtocolError> {
  if (utf8LengthExceeds(text, MAX_TEXT_FRAME_BYTES)) {
    return err({ code: 'protocol.too_large', message: `text frame exceeds ${MAX_TEXT_FRAME_BYTES} bytes` });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return err({ code: 'protocol.invalid_json', message: `invalid JSON: ${(e as Error).message}` });
  }
  return validateMessage(value);
}

/** Builds a message with the envelope filled in; the type checker holds the fields to the schema. */
export function message<T extends MessageType>(
  type: T,
  fields: Omit<MessageByType[T], 'type' | 'schema_version'>,
): MessageByType[T] {
  return { type, schema_version: '1', ...fields } as MessageByType[T];
}

/** A reply's `ref`: the request's own echoed, or no field at all when the request had none. */
export function echoRef(ref: string | undefined): { ref?: string } {
  return ref ? { ref } : {};
}

/** The sender a message type belongs to, for boundaries that accept only some senders. */
export function senderOf(type: MessageType): Sender {
  return senderByType[type];
}
