/**
 * At most one write running per key. A write asked for while the key's write runs is folded into one more write
 * after it, with the latest value asked for: a burst of asks costs two writes, and every ask is still followed by a
 * write that began after it (so what the write records is never older than the ask). A failed write is the
 * background's to log; the write folded behind it runs all the same.
 */
export class CoalescedWrites<K, V> {
  /** The keys whose write runs now, each with the latest value asked for since it began (if any). */
  readonly #running = new Map<K, { again: { value: V } | null }>();

  constructor(
    private readonly write: (key: K, value: V) => Promise<unknown>,
    private readonly background: (work: Promise<unknown>) => void,
  ) {}

  ask(key: K, value: V): void {
    const running = this.#running.get(key);
    if (running !== undefined) {
      running.again = { value };
      return;
    }
    const entry: { again: { value: V } | null } = { again: null };
    this.#running.set(key, entry);
    const written = this.write(key, value).finally(() => {
      this.#running.delete(key);
      if (entry.again !== null) this.ask(key, entry.again.value);
    });
    this.background(written);
  }
}
