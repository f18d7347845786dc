/**
 * Puts download chunks back in seq order. Frames can reach the hub's handlers out of order (seen in tests,
 * where each handler call is wrapped in an async shim), and the gateway keeps at most `window` chunks
 * unacknowledged, so at most that many can be early. The end marker may also overtake the last chunks.
 */
export type ReorderResult = { ok: true } | { ok: false; reason: string };

export class ChunkReorderer<T> {
  private nextSeq = 0;
  private readonly early = new Map<number, T>();
  private endSeen = false;

  constructor(private readonly window: number) {}

  /** Accepts chunk `seq`; refuses duplicates and chunks outside the window. */
  add(seq: number, chunk: T): ReorderResult {
    if (this.endSeen) return { ok: false, reason: `chunk ${seq} after the end` };
    if (seq < this.nextSeq || this.early.has(seq)) return { ok: false, reason: `chunk ${seq} twice` };
    if (seq >= this.nextSeq + this.window) return { ok: false, reason: `chunk ${seq} beyond the window` };
    this.early.set(seq, chunk);
    return { ok: true };
  }

  end(): void {
    this.endSeen = true;
  }

  /** The next chunk in order, if it has arrived; acknowledge it after taking it. */
  take(): { seq: number; chunk: T } | null {
    const chunk = this.early.get(this.nextSeq);
    if (chunk === undefined) return null;
    this.early.delete(this.nextSeq);
    return { seq: this.nextSeq++, chunk };
  }

  /** True once the end arrived and every chunk before it was taken. */
  get finished(): boolean {
    return this.endSeen && this.early.size === 0;
  }
}
