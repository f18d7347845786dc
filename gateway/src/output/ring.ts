/**
 * The last output frames of one session, keyed by seq, bounded by payload bytes and by frame count. Seqs are
 * contiguous: frame `first` through `last` are all present. Also tracks the cumulative byte offset of every
 * frame, so the unacked window can be measured in bytes.
 *
 * Payloads are copied into a store of reused chunks (ring-store.ts, which also deflates what is older) and each
 * frame costs 8 bytes of bookkeeping, so a ring's memory follows its bytes whatever the size of its frames. Kept
 * as one object per frame, small frames (an agent's spinner, echoes) cost several times their bytes: five full
 * 1.25 MiB rings of 50-byte frames took 66 MiB of RSS, of 200-byte frames 27 MiB, where the bytes are 6.25 MiB.
 */
import { QUEUE_CHUNK_BYTES } from './byte-queue.ts';
import { RingStore } from './ring-store.ts';

export interface RingFrame {
  seq: number;
  payload: Uint8Array;
  /** Total payload bytes of this session up to and including this frame. */
  end: number;
}

/** Output is deflated in segments of this size. */
export const RING_SEGMENT_BYTES = 64 * 1024;
/** Bounds the bookkeeping (8 bytes a frame) when frames are tiny; at ≥ 20 bytes a frame it is never reached. */
export const RING_MAX_FRAMES = 64 * 1024;

export interface RingLimits {
  maxFrames?: number;
  segmentBytes?: number;
  chunkBytes?: number;
  /** How packing a full segment is run later (setImmediate by default). */
  defer?: (task: () => void) => void;
}

export class OutputRing {
  private readonly store: RingStore;
  /** Cumulative offset after each held frame, oldest first, in a circular buffer. */
  private ends: Float64Array;
  private head = 0;
  private count = 0;
  /** Cumulative offset where the oldest held frame starts. */
  private startOffset = 0;
  private totalBytes = 0;
  private lastSeq: number;

  private readonly maxFrames: number;

  /** `firstSeq` is the seq the first pushed frame gets. */
  constructor(
    readonly capacityBytes: number,
    firstSeq = 1,
    {
      maxFrames = RING_MAX_FRAMES,
      segmentBytes = RING_SEGMENT_BYTES,
      chunkBytes = QUEUE_CHUNK_BYTES,
      defer = setImmediate,
    }: RingLimits = {},
  ) {
    if (!(maxFrames >= 1 && segmentBytes >= 1 && chunkBytes >= 1)) throw new RangeError('ring limits must be ≥ 1');
    this.maxFrames = maxFrames;
    this.store = new RingStore({ segmentBytes, chunkBytes, defer });
    this.lastSeq = firstSeq - 1;
    this.ends = new Float64Array(Math.min(256, maxFrames));
  }

  /** Seq of the newest frame ever pushed; firstSeq - 1 before the first. */
  get last(): number {
    return this.lastSeq;
  }

  /** Seq of the oldest frame still held; last + 1 when empty. */
  get first(): number {
    return this.lastSeq - this.count + 1;
  }

  /** Payload bytes of all frames ever pushed. */
  get produced(): number {
    return this.totalBytes;
  }

  get heldBytes(): number {
    return this.totalBytes - this.startOffset;
  }

  /** Memory the ring keeps allocated: its blocks and its bookkeeping. */
  get allocatedBytes(): number {
    return this.store.allocatedBytes + this.ends.byteLength;
  }

  /** Appends (a copy of) the next frame (seq = last + 1) and evicts the oldest frames past capacity. */
  push(payload: Uint8Array): RingFrame {
    this.store.append(payload);
    this.totalBytes += payload.byteLength;
    this.lastSeq += 1;
    if (this.count === this.maxFrames) this.dropOldest();
    if (this.count === this.ends.length) this.growEnds();
    this.ends[(this.head + this.count) % this.ends.length] = this.totalBytes;
    this.count += 1;
    while (this.count > 1 && this.heldBytes > this.capacityBytes) this.dropOldest();
    this.store.dropBefore(this.startOffset);
    return { seq: this.lastSeq, payload, end: this.totalBytes };
  }

  /** True when every frame after `lastSeq` is still held (or there is none). */
  canReplayAfter(lastSeq: number): boolean {
    return lastSeq >= this.first - 1 && lastSeq <= this.lastSeq;
  }

  /**
   * The frames after `lastSeq`, oldest first; only meaningful when canReplayAfter(lastSeq). Their payloads are
   * good until the next push (the ring reuses its memory): send them, do not keep them.
   */
  after(lastSeq: number): RingFrame[] {
    const out: RingFrame[] = [];
    const read = this.store.reader();
    for (let i = Math.max(lastSeq + 1, this.first) - this.first; i < this.count; i++) {
      const end = this.endAt(i);
      out.push({ seq: this.first + i, payload: read(i === 0 ? this.startOffset : this.endAt(i - 1), end), end });
    }
    return out;
  }

  /**
   * Cumulative byte offset right after frame `seq` (0 for seq 0). For a seq older than the ring, the offset
   * where the ring starts: the most that can be known.
   */
  offsetAfter(seq: number): number {
    if (seq >= this.lastSeq) return this.totalBytes;
    if (seq < this.first) return this.startOffset;
    return this.endAt(seq - this.first);
  }

  private dropOldest(): void {
    this.startOffset = this.endAt(0);
    this.head = (this.head + 1) % this.ends.length;
    this.count -= 1;
  }

  private endAt(i: number): number {
    return this.ends[(this.head + i) % this.ends.length] as number;
  }

  private growEnds(): void {
    const grown = new Float64Array(Math.min(this.ends.length * 2, this.maxFrames));
    for (let i = 0; i < this.count; i++) grown[i] = this.endAt(i);
    this.ends = grown;
    this.head = 0;
  }
}
