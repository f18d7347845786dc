/**
 * Write throttling for frequent D1 records (last_seen, last_activity): at most one write per key per
 * interval. The memory is a cache: a hub woken from hibernation forgets it and writes once more, which is
 * harmless. Bounded: past `maxKeys` the oldest key is forgotten.
 */
export class Throttle {
  private readonly lastWrite = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly maxKeys = 64,
  ) {}

  /** True when a write for `key` is due at `now`, and records it. */
  take(key: string, now: number): boolean {
    const last = this.lastWrite.get(key);
    if (last !== undefined && now - last < this.intervalMs) return false;
    this.lastWrite.delete(key);
    this.lastWrite.set(key, now);
    if (this.lastWrite.size > this.maxKeys) {
      const oldest = this.lastWrite.keys().next().value;
      if (oldest !== undefined) this.lastWrite.delete(oldest);
    }
    return true;
  }

  forget(key: string): void {
    this.lastWrite.delete(key);
  }
}
