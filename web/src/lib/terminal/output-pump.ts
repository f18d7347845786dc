/**
 * Output on its way into the terminal, in seq order and at the terminal's pace:
 * - frames whose seq it already holds are refused as duplicates, and so is a frame past the next seq once the
 *   stream has started (a session's seqs are consecutive, so bytes are missing before it); the rest queue (bounded
 *   by bytes, output-queue.ts)
 *   and go to the sink while less than `maxInflightBytes` is handed over and unwritten, the next batch when the
 *   sink's write callbacks fire;
 * - a snapshot replaces everything queued before it, and resets the terminal only once the sink has drained, so no
 *   old byte lands on the new screen;
 * - acks report what the sink has written (ack-scheduler.ts), so a slow terminal throttles the gateway instead of
 *   filling the browser's heap.
 */
import type { SessionSnapshot } from '@vibecode/schemas';
import { type AckOptions, AckScheduler } from './ack-scheduler.ts';
import { type OutputItem, OutputQueue } from './output-queue.ts';
import { snapshotText } from './snapshot.ts';

/** The terminal the output goes to: xterm's `write(data, callback)` and `reset()`. */
export interface TerminalSink {
  write(data: Uint8Array | string, done: () => void): void;
  reset(): void;
}

export interface OutputPumpOptions {
  sink: TerminalSink;
  maxInflightBytes: number;
  queueMaxBytes: number;
  ack: AckOptions;
  /** An ack is due for `seq`. */
  onAck(seq: number): void;
}

/**
 * What became of a frame: queued, already held, refused because frames before it are missing, or refused because
 * the queue is full (nothing was kept).
 */
type FrameOutcome = 'queued' | 'duplicate' | 'gap' | 'overflow';

export class OutputPump {
  readonly #options: OutputPumpOptions;
  readonly #queue: OutputQueue;
  readonly #acks: AckScheduler;
  #received = 0;
  #handed = 0;
  #inflight = 0;
  #pumping = false;
  #disposed = false;

  constructor(options: OutputPumpOptions) {
    this.#options = options;
    this.#queue = new OutputQueue(options.queueMaxBytes);
    this.#acks = new AckScheduler(options.ack);
  }

  /** Highest seq received (frames past it are new). */
  get receivedSeq(): number {
    return this.#received;
  }

  /** Highest seq handed to the terminal. */
  get handedSeq(): number {
    return this.#handed;
  }

  frame(seq: number, payload: Uint8Array): FrameOutcome {
    if (seq <= this.#received) return 'duplicate';
    if (this.#received > 0 && seq > this.#received + 1) return 'gap';
    if (!this.#queue.push({ kind: 'frame', seq, payload })) return 'overflow';
    this.#received = seq;
    this.#pump();
    return 'queued';
  }

  /** Everything not yet handed to the terminal predates the snapshot, which replaces the screen. */
  snapshot(snapshot: SessionSnapshot): void {
    this.#queue.clear();
    this.#queue.push({ kind: 'snapshot', snapshot });
    this.#received = snapshot.seq;
    this.#pump();
  }

  /** Drops what is queued: the stream continues after what the terminal already has. */
  rewind(): void {
    this.#queue.clear();
    this.#received = this.#handed;
  }

  /** The periodic ack tick: acks what was written since the last ack, if anything. */
  tick(): void {
    const seq = this.#acks.tick();
    if (seq !== null) this.#options.onAck(seq);
  }

  dispose(): void {
    this.#disposed = true;
    this.#queue.clear();
  }

  #pump(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      const max = this.#options.maxInflightBytes;
      for (let item = this.#queue.peek(); item; item = this.#queue.peek()) {
        if (item.kind === 'snapshot' ? this.#inflight > 0 : this.#inflight >= max) return;
        this.#queue.shift();
        this.#hand(item);
      }
    } finally {
      this.#pumping = false;
    }
  }

  #hand(item: OutputItem): void {
    if (item.kind === 'snapshot') {
      const text = snapshotText(item.snapshot);
      this.#options.sink.reset();
      this.#handed = item.snapshot.seq;
      this.#acks.resetTo(item.snapshot.seq);
      this.#write(text, text.length, () => {});
      return;
    }
    const { seq, payload } = item;
    this.#handed = seq;
    this.#write(payload, payload.byteLength, () => {
      const ack = this.#acks.written(seq, payload.byteLength);
      if (ack !== null) this.#options.onAck(ack);
    });
  }

  #write(data: Uint8Array | string, bytes: number, written: () => void): void {
    this.#inflight += bytes;
    this.#options.sink.write(data, () => {
      this.#inflight -= bytes;
      if (this.#disposed) return;
      written();
      this.#pump();
    });
  }
}
