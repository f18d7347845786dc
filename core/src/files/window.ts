/**
 * The sender's side of a chunked transfer: chunks are numbered from 0, at most `maxInFlight` unacknowledged,
 * acks are cumulative (an ack for seq n covers every chunk up to n). An ack for a chunk not in flight is a
 * protocol error.
 */
export class TransferWindow {
  private nextSeq = 0;
  private ackedThrough = -1;

  constructor(private readonly maxInFlight: number) {}

  get inFlight(): number {
    return this.nextSeq - 1 - this.ackedThrough;
  }

  canSend(): boolean {
    return this.inFlight < this.maxInFlight;
  }

  /** The seq for the next chunk; call only when `canSend()`. */
  take(): number {
    if (!this.canSend()) throw new RangeError('transfer window is full');
    return this.nextSeq++;
  }

  /** Records an ack; false when that chunk is not in flight. */
  ack(seq: number): boolean {
    if (seq <= this.ackedThrough || seq >= this.nextSeq) return false;
    this.ackedThrough = seq;
    return true;
  }

  get sent(): number {
    return this.nextSeq;
  }
}
