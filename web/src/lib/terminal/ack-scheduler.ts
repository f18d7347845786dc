/**
 * When to send `session.ack`. Acks report what xterm has *written* (not merely received), so a slow terminal
 * stops acking and the gateway, past its unacked window, stops reading the PTY: that is the browser's
 * backpressure. An ack goes out on the periodic tick, or at once after `bytesThreshold` written bytes so a
 * fast stream never stalls on the window between ticks.
 */
export interface AckOptions {
  intervalMs: number;
  bytesThreshold: number;
}

export const defaultAckOptions: AckOptions = { intervalMs: 250, bytesThreshold: 256 * 1024 };

export class AckScheduler {
  #written = 0;
  #acked = 0;
  #bytesSinceAck = 0;

  constructor(readonly options: AckOptions = defaultAckOptions) {}

  /** xterm finished writing frame `seq` of `bytes` bytes; returns the seq to ack now, or null to wait for a tick. */
  written(seq: number, bytes: number): number | null {
    this.#written = Math.max(this.#written, seq);
    this.#bytesSinceAck += bytes;
    return this.#bytesSinceAck >= this.options.bytesThreshold ? this.#take() : null;
  }

  /** The periodic tick: the seq to ack if anything was written since the last ack. */
  tick(): number | null {
    return this.#written > this.#acked ? this.#take() : null;
  }

  /** A snapshot or re-attach moved the stream to `seq`; seq numbers may even restart after a gateway reboot. */
  resetTo(seq: number): void {
    this.#written = seq;
    this.#acked = 0;
    this.#bytesSinceAck = 0;
  }

  #take(): number {
    this.#acked = this.#written;
    this.#bytesSinceAck = 0;
    return this.#written;
  }
}
