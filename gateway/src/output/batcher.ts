/**
 * Coalesces PTY output without delaying an echo. The first chunk after a quiet moment is emitted at once and
 * opens a batch window; chunks arriving inside the window are held and emitted when the window ends or when
 * they reach `maxBytes`. A window that ends with nothing held closes: the session is quiet again.
 */

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface BatchOptions {
  /** Longest a held byte waits (≤ 50 ms by the protocol's promise). */
  flushMs: number;
  /** Held bytes that trigger an immediate flush. */
  maxBytes: number;
}

export const DEFAULT_BATCH: BatchOptions = { flushMs: 20, maxBytes: 32 * 1024 };

export class OutputBatcher {
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private timer: unknown;

  constructor(
    private readonly emit: (bytes: Uint8Array) => void,
    private readonly options: BatchOptions = DEFAULT_BATCH,
    private readonly timers: Timers = realTimers,
  ) {}

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    if (this.timer === undefined) {
      this.emit(chunk);
      this.openWindow();
      return;
    }
    this.held.push(chunk);
    this.heldBytes += chunk.byteLength;
    if (this.heldBytes >= this.options.maxBytes) this.flush();
  }

  /** Emits whatever is held now (used before a snapshot, so its seq covers every byte read). */
  flush(): void {
    if (this.heldBytes === 0) return;
    const out = this.held.length === 1 ? (this.held[0] as Uint8Array) : Buffer.concat(this.held, this.heldBytes);
    this.held = [];
    this.heldBytes = 0;
    this.emit(out);
  }

  dispose(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.held = [];
    this.heldBytes = 0;
  }

  private openWindow(): void {
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      if (this.heldBytes === 0) return;
      this.flush();
      this.openWindow();
    }, this.options.flushMs);
  }
}
