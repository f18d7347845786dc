/** An append-only list that keeps the newest `limit` entries, so a long local run cannot grow it without bound. */
export class BoundedLog<T> {
  private entries: T[] = [];

  constructor(private readonly limit = 10_000) {}

  add(entry: T): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  /** Oldest first; a copy, so callers cannot change the log. */
  all(): T[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
