/**
 * Received output waiting for xterm, bounded by bytes. The gateway stops after its unacked window (1 MiB) and we
 * ack only what xterm wrote, so in normal operation the queue stays under that window plus one replay. Past
 * `maxBytes` the queue refuses the item and the caller drops it and re-syncs from what xterm already has
 * (a replay or a snapshot), so a flood can never pile up in the browser.
 */
import type { SessionSnapshot } from '@vibecode/schemas';

export type OutputItem =
  | { kind: 'frame'; seq: number; payload: Uint8Array }
  | { kind: 'snapshot'; snapshot: SessionSnapshot };

export const DEFAULT_QUEUE_MAX_BYTES = 4 * 1024 * 1024;

export function itemBytes(item: OutputItem): number {
  return item.kind === 'frame' ? item.payload.byteLength : item.snapshot.text.length;
}

export class OutputQueue {
  #items: OutputItem[] = [];
  #head = 0;
  #bytes = 0;

  constructor(readonly maxBytes: number = DEFAULT_QUEUE_MAX_BYTES) {}

  get bytes(): number {
    return this.#bytes;
  }

  get length(): number {
    return this.#items.length - this.#head;
  }

  /** Adds an item; false (and nothing added) if it would pass the byte bound. */
  push(item: OutputItem): boolean {
    const size = itemBytes(item);
    if (this.#bytes + size > this.maxBytes) return false;
    this.#items.push(item);
    this.#bytes += size;
    return true;
  }

  peek(): OutputItem | undefined {
    return this.#items[this.#head];
  }

  shift(): OutputItem | undefined {
    const item = this.#items[this.#head];
    if (item === undefined) return undefined;
    this.#head += 1;
    this.#bytes -= itemBytes(item);
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  clear(): void {
    this.#items = [];
    this.#head = 0;
    this.#bytes = 0;
  }
}
