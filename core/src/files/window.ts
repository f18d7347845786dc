/**
 * The sender's side of a chunked transfer: chunks are numbered from 0 and each is acknowledged on its own
 * (acks may arrive out of order); at most `maxInFlight` are unacknowledged. An ack for a chunk that is not in
 * flight (never sent, or acknowledged already) is a protocol error.
 */
export class TransferWindow {
  private nextSeq = 0;
  private readonly unacked = new Set<number>();

  constructor(private readonly maxInFlight: number) {}

  get inFlight(): number {
    return this.unacked.size;
  }

  canSend(): boolean {
    return this.unacked.size < this.maxInFlight;
  }

  /** The seq for the next chunk; call only when `canSend()`. */
  take(): number {
    if (!this.canSend()) throw new RangeError('transfer window is full');
    this.unacked.add(this.nextSeq);
    return this.nextSeq++;
  }

  /** Records an ack; false when that chunk is not in flight. */
  ack(seq: number): boolean {
    return this.unacked.delete(seq);
  }

  get sent(): number {
    return this.nextSeq;
  }
}
