/**
 * How a hub relays one file transfer (`RelayOptions`): each gateway reply within the command timeout, the whole
 * transfer within FILE_TRANSFER_TIMEOUT_MS of its start, hashed as it streams on workerd's DigestStream.
 */
import { FILE_TRANSFER_TIMEOUT_MS } from '@vibecode/schemas';
import { digestStreamHasher } from './digest-stream-hasher.ts';
import type { RelayOptions } from './upload-relay.ts';

export function transferOptions(replyTimeoutMs: number, now: () => number = Date.now): RelayOptions {
  return { replyTimeoutMs, deadline: now() + FILE_TRANSFER_TIMEOUT_MS, now, hasher: digestStreamHasher() };
}
