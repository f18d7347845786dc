/**
 * The last output frames of one session, keyed by seq, bounded by payload bytes. Seqs are contiguous: frame
 * `first` through `last` are all present. Also tracks the cumulative byte offset of every frame, so the
 * unacked window can be measured in bytes.
 */

export interface RingFrame {
  seq: number;
  payload: Uint8Array;
  /** Total payload bytes of this session up to and including this frame. */
  end: number;
}

export class OutputRing {
  private frames: RingFrame[] = [];
  private head = 0;
  private bytes = 0;
  private totalBytes = 0;
  private lastSeq: number;

  /** `firstSeq` is the seq the first pushed frame gets. */
  constructor(
    readonly capacityBytes: number,
    firstSeq = 1,
  ) {
    this.lastSeq = firstSeq - 1;
  }

  /** Seq of the newest frame ever pushed; firstSeq - 1 before the first. */
  get last(): number {
    return this.lastSeq;
  }

  /** Seq of the oldest frame still held; last + 1 when empty. */
  get first(): number {
    return this.lastSeq - (this.frames.length - this.head) + 1;
  }

  /** Payload bytes of all frames ever pushed. */
  get produced(): number {
    return this.totalBytes;
  }

  get heldBytes(): number {
    return this.bytes;
  }

  /** Appends the next frame (seq = last + 1) and evicts the oldest frames past capacity. */
  push(payload: Uint8Array): RingFrame {
    this.totalBytes += payload.byteLength;
    this.lastSeq += 1;
    const frame = { seq: this.lastSeq, payload, end: this.totalBytes };
    this.frames.push(frame);
    this.bytes += payload.byteLength;
    while (this.bytes > this.capacityBytes && this.frames.length - this.head > 1) {
      const old = this.frames[this.head];
      if (old) this.bytes -= old.payload.byteLength;
      this.frames[this.head] = undefined as unknown as RingFrame;
      this.head += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.head);
      this.head = 0;
    }
    return frame;
  }

  /** True when every frame after `lastSeq` is still held (or there is none). */
  canReplayAfter(lastSeq: number): boolean {
    return lastSeq >= this.first - 1 && lastSeq <= this.lastSeq;
  }

  /** The frames after `lastSeq`, oldest first; only meaningful when canReplayAfter(lastSeq). */
  after(lastSeq: number): RingFrame[] {
    const from = Math.max(lastSeq + 1, this.first);
    return this.frames.slice(this.head + (from - this.first));
  }

  /**
   * Cumulative byte offset right after frame `seq` (0 for seq 0). For a seq older than the ring, the offset
   * where the ring starts: the most that can be known.
   */
  offsetAfter(seq: number): number {
    if (seq >= this.lastSeq) return this.totalBytes;
    if (seq < this.first) {
      const oldest = this.frames[this.head];
      return oldest ? oldest.end - oldest.payload.byteLength : this.totalBytes;
    }
    return this.frames[this.head + (seq - this.first)]?.end ?? this.totalBytes;
  }
}
