/**
 * The bytes behind a session's output ring, addressed by cumulative offset. New output goes into `raw`; every
 * full segment of it is soon deflated into `packed` (off the path that sends output: no frame waits for it).
 * Terminal output packs to 7–40% of its size (measured on what tmux sends for `ls --color`, `top`, `seq`
 * loops and a program drawing at random places), so five busy sessions' full 1.25 MiB rings take ~1–2 MiB
 * instead of 6.5. Both queues reuse their chunks (byte-queue.ts), so a warm ring allocates nothing lasting.
 * Reading (a resume's replay, rare) inflates each segment it touches once per read.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ByteQueue } from './byte-queue.ts';

interface Segment {
  /** Output offsets [start, end) it holds. */
  start: number;
  end: number;
  /** Where its bytes sit in `packed`. */
  at: number;
  size: number;
  deflated: boolean;
}

export interface StoreOptions {
  segmentBytes: number;
  chunkBytes: number;
  /** Runs packing later; setImmediate in the gateway, a queue the test runs in tests. */
  defer: (task: () => void) => void;
}

/** A segment stays deflated only when that saves a quarter of it (random bytes do not pack). */
const DEFLATED_AT_MOST = 0.75;

export class RingStore {
  private readonly raw: ByteQueue;
  private readonly packed: ByteQueue;
  private segments: Segment[] = [];
  /** Bytes before this offset are in segments (or dropped); `raw` holds the rest. */
  private packedUpTo = 0;
  private packing = false;

  constructor(private readonly options: StoreOptions) {
    this.raw = new ByteQueue(options.chunkBytes);
    this.packed = new ByteQueue(options.chunkBytes);
  }

  append(payload: Uint8Array): void {
    this.raw.append(payload);
    if (this.packing || this.raw.end - this.packedUpTo < this.options.segmentBytes) return;
    this.packing = true;
    this.options.defer(() => {
      this.packing = false;
      this.pack();
    });
  }

  /** The ring no longer needs the bytes before `offset`. */
  dropBefore(offset: number): void {
    while (this.segments.length > 0 && (this.segments[0] as Segment).end <= offset) this.segments.shift();
    this.packed.dropBefore(this.segments[0]?.at ?? this.packed.end);
    // Dropped before they were packed: never packed at all.
    if (offset > this.packedUpTo) this.packedUpTo = Math.min(offset, this.raw.end);
    this.raw.dropBefore(this.packedUpTo);
  }

  /**
   * A reader for ranges in ascending order (a replay): each call returns the bytes [from, to). What it returns
   * is good until the next append (the memory is reused).
   */
  reader(): (from: number, to: number) => Uint8Array {
    let i = 0;
    let unpacked: { segment: Segment; bytes: Uint8Array } | undefined;
    return (from, to) => {
      const pieces: Uint8Array[] = [];
      for (let at = from; at < to; ) {
        if (at >= this.packedUpTo) {
          pieces.push(this.raw.read(at, to));
          break;
        }
        while ((this.segments[i] as Segment).end <= at) i += 1;
        const segment = this.segments[i] as Segment;
        if (unpacked?.segment !== segment) unpacked = { segment, bytes: this.unpack(segment) };
        const until = Math.min(to, segment.end);
        pieces.push(unpacked.bytes.subarray(at - segment.start, until - segment.start));
        at = until;
      }
      return pieces.length === 1 ? (pieces[0] as Uint8Array) : new Uint8Array(Buffer.concat(pieces));
    };
  }

  get allocatedBytes(): number {
    return this.raw.allocatedBytes + this.packed.allocatedBytes;
  }

  private pack(): void {
    const { segmentBytes } = this.options;
    while (this.raw.end - this.packedUpTo >= segmentBytes) {
      const start = this.packedUpTo;
      const bytes = this.raw.read(start, start + segmentBytes);
      const deflatedBytes = deflateRawSync(bytes, { level: 1 });
      const deflated = deflatedBytes.byteLength <= segmentBytes * DEFLATED_AT_MOST;
      const kept = deflated ? deflatedBytes : bytes;
      const at = this.packed.append(kept);
      this.segments.push({ start, end: start + segmentBytes, at, size: kept.byteLength, deflated });
      this.packedUpTo = start + segmentBytes;
      this.raw.dropBefore(this.packedUpTo);
    }
  }

  private unpack(segment: Segment): Uint8Array {
    const stored = this.packed.read(segment.at, segment.at + segment.size);
    if (!segment.deflated) return stored;
    const bytes = inflateRawSync(stored);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}
