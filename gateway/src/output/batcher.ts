/**
 * Coalesces PTY output only while it floods, so output that answers input is never held. Every burst of
 * output (what follows the last input, or a quiet moment of `flushMs`) goes out chunk by chunk as the PTY
 * delivers it until `sustainedChunks` chunks or `sustainedBytes` bytes have gone; only past that does the
 * session count as flooding, and its chunks are held until `flushMs` after the first held byte or until
 * `maxBytes` are held. Input starts a new burst, so the echo of a key, the redraw after it, or Ctrl-C's prompt
 * in the middle of a flood are sent the moment they are read — together with whatever was held before them, so
 * order is kept.
 *
 * A fixed window after every emitted chunk (the earlier design) held each echo typed within the window of the
 * previous one: ~20 ms per key for anyone typing fast. Both limits count: `cat` through tmux is few bytes in
 * many small writes (tmux redraws; measured: 390 chunks averaging 200 bytes for a 10 MiB `cat`), while a
 * program's own flood is 4 KiB reads. A flood therefore still reaches the hub at ≤ 1 frame per `flushMs` (plus
 * `maxBytes` flushes), as before.
 */

export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Monotonic milliseconds. */
  now(): number;
}

const realClock: Clock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => performance.now(),
};

export interface BatchOptions {
  /** Longest a held byte waits (≤ 50 ms by the protocol's promise); also the gap that ends a burst. */
  flushMs: number;
  /** Held bytes that trigger an immediate flush. */
  maxBytes: number;
  /** Bytes a burst sends unheld before it counts as a flood. */
  sustainedBytes: number;
  /** Chunks a burst sends unheld before it counts as a flood. */
  sustainedChunks: number;
}

/**
 * 8 chunks or 32 KiB unheld cover an echo, a prompt, `ls`, and a full-screen redraw of a large terminal (a 200×50
 * screen in truecolor is ~20–30 KiB, which tmux writes in a few pieces), while a flood passes them within a few
 * milliseconds.
 */
export const DEFAULT_BATCH: BatchOptions = {
  flushMs: 20,
  maxBytes: 32 * 1024,
  sustainedBytes: 32 * 1024,
  sustainedChunks: 8,
};

export class OutputBatcher {
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private timer: unknown;
  private burstBytes = 0;
  private burstChunks = 0;
  private lastChunkAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly emit: (bytes: Uint8Array) => void,
    private readonly options: BatchOptions = DEFAULT_BATCH,
    private readonly clock: Clock = realClock,
  ) {}

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    const now = this.clock.now();
    if (now - this.lastChunkAt >= this.options.flushMs) this.startBurst();
    this.lastChunkAt = now;
    const flooding = this.burstBytes >= this.options.sustainedBytes || this.burstChunks >= this.options.sustainedChunks;
    this.burstBytes += chunk.byteLength;
    this.burstChunks += 1;
    this.held.push(chunk);
    this.heldBytes += chunk.byteLength;
    if (!flooding || this.heldBytes >= this.options.maxBytes) {
      this.flush();
      return;
    }
    this.timer ??= this.clock.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.options.flushMs);
  }

  /** Input reached the program: what it prints next answers it, so the next chunks are not held. */
  onInput(): void {
    this.startBurst();
  }

  /** Emits whatever is held now (also used before a snapshot, so its seq covers every byte read). */
  flush(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.heldBytes === 0) return;
    const out = this.held.length === 1 ? (this.held[0] as Uint8Array) : Buffer.concat(this.held, this.heldBytes);
    this.held = [];
    this.heldBytes = 0;
    this.emit(out);
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.held = [];
    this.heldBytes = 0;
  }

  private startBurst(): void {
    this.burstBytes = 0;
    this.burstChunks = 0;
  }
}
