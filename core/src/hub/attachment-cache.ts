/**
 * Socket attachments served from memory, like partyserver's AttachmentCache: a socket's attachment is read from the
 * runtime once (after it was accepted, or after a wake from hibernation gave the hub new socket objects) and written
 * back with `serializeAttachment` only when a field changed, never on every frame.
 */
import { isSocketAttachment, type SocketAttachment } from './attachment.ts';

/** What the cache needs of a socket (a WebSocket in the hub). */
export interface AttachedSocket {
  serializeAttachment(value: unknown): void;
  deserializeAttachment(): unknown;
}

/** Keyed by socket object: an entry goes when its socket does, and a woken hub's new objects read theirs again. */
const cache = new WeakMap<AttachedSocket, SocketAttachment>();

/** The socket's attachment, from memory when it was read or written before; null for a socket that is not ours. */
export function readAttachment(ws: AttachedSocket): SocketAttachment | null {
  const cached = cache.get(ws);
  if (cached !== undefined) return cached;
  const value = ws.deserializeAttachment();
  if (!isSocketAttachment(value)) return null;
  cache.set(ws, value);
  return value;
}

/** Stores the attachment with the socket (for a woken hub) and in memory. */
export function writeAttachment(ws: AttachedSocket, attachment: SocketAttachment): void {
  ws.serializeAttachment(attachment);
  cache.set(ws, attachment);
}

/** `current` with `changes` applied; written only when a field's value differs. */
export function updateAttachment<T extends SocketAttachment>(ws: AttachedSocket, current: T, changes: Partial<T>): T {
  const changed = (Object.keys(changes) as (keyof T)[]).some((key) => changes[key] !== current[key]);
  if (!changed) return current;
  const next = { ...current, ...changes };
  writeAttachment(ws, next);
  return next;
}
