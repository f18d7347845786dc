/**
 * A high/low water mark pair with hysteresis: closed once the measured value goes above `high`, open again only
 * when it falls below `low`, so a producer paused on it does not flap around one threshold.
 */
export class FlowGate {
  #closed = false;

  constructor(
    readonly high: number,
    readonly low: number,
  ) {
    if (!(low < high)) throw new RangeError('low water mark must be below the high one');
  }

  get isClosed(): boolean {
    return this.#closed;
  }

  /** Feeds the current value; returns true when the gate changed state. */
  update(value: number): boolean {
    if (!this.#closed && value > this.high) {
      this.#closed = true;
      return true;
    }
    if (this.#closed && value < this.low) {
      this.#closed = false;
      return true;
    }
    return false;
  }
}
